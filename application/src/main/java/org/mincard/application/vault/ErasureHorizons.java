package org.mincard.application.vault;

import org.mincard.application.vault.keys.KekEpochs;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Erasure horizons (ADR 0010): for each destroyed data key, the moment from which no copy of it anywhere (old row
 * versions, WAL, replicas, backups) can be unwrapped, because the KEK that wrapped it (and every older one) is
 * destroyed. Before that moment it is the planned destruction, after it the actual one.
 */
@Component
public class ErasureHorizons {

    private final JdbcTemplate jdbc;
    private final KekEpochs epochs;
    private final Clock clock;

    ErasureHorizons(JdbcTemplate jdbc, KekEpochs epochs, Clock clock) {
        this.jdbc = jdbc;
        this.epochs = epochs;
        this.clock = clock;
    }

    /** One destroyed key's horizon; {@code horizon} is null when its KEK has no recorded epoch. */
    public record ItemHorizon(UUID subjectId, DataClass dataClass, int keyVersion, String kekId, Instant horizon,
                              boolean passed) {
    }

    /** Destroyed keys under one KEK whose horizon has passed: how many. */
    public record PassedGroup(String kekId, Instant horizon, long keys) {
    }

    /** A KEK held past its destruction date: a violation of the erasure promise. */
    public record OverdueKek(String kekId, Instant dueAt, String reason) {
    }

    /** The erasure part of the compliance report. */
    public record Report(Instant asOf, long keysPastHorizon, List<PassedGroup> pastHorizon,
                         List<ItemHorizon> notYetPastHorizon, List<OverdueKek> overdueKeks) {
    }

    /**
     * The horizons of the keys one sweep destroyed for these (subject, data class) pairs (for its manifest): found by
     * the key's primary key, because {@code purge_sweep_id} is deliberately not indexed (destroying a key must stay a
     * HOT update: ADR 0020).
     */
    public List<ItemHorizon> ofSweep(UUID sweepId, List<UUID> subjectIds, List<String> dataClasses) {
        if (subjectIds.isEmpty()) {
            return List.of();
        }
        Map<String, KekEpochs.Horizon> horizons = epochs.horizons();
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT k.subject_id, k.data_class, k.key_version, k.kek_id FROM vault.data_key k
                    JOIN unnest(?::uuid[], ?::varchar[]) AS p(subject_id, data_class)
                        ON k.subject_id = p.subject_id AND k.data_class = p.data_class
                    WHERE k.purge_sweep_id = ? AND k.wrapped_key IS NULL
                    ORDER BY k.subject_id, k.data_class, k.key_version""");
            statement.setArray(1, connection.createArrayOf("uuid", subjectIds.toArray()));
            statement.setArray(2, connection.createArrayOf("varchar", dataClasses.toArray()));
            statement.setObject(3, sweepId);
            return statement;
        }, (rs, i) -> item(horizons, rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4)));
    }

    /** Every destroyed key: past its horizon (counted per KEK), not yet past it (listed with dates), overdue KEKs. */
    public Report report() {
        Map<String, KekEpochs.Horizon> horizons = epochs.horizons();
        List<PassedGroup> passed = new ArrayList<>();
        List<ItemHorizon> pending = new ArrayList<>();
        long[] passedKeys = {0};
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT kek_id, count(*) FROM vault.data_key WHERE wrapped_key IS NULL GROUP BY kek_id",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        counts.forEach((kekId, keys) -> {
            KekEpochs.Horizon horizon = horizons.get(kekId);
            if (horizon != null && horizon.passed()) {
                passed.add(new PassedGroup(kekId, horizon.at(), keys));
                passedKeys[0] += keys;
            } else {
                jdbc.query("""
                        SELECT subject_id, data_class, key_version, kek_id FROM vault.data_key
                        WHERE wrapped_key IS NULL AND kek_id = ?
                        ORDER BY subject_id, data_class, key_version""", rs -> {
                    pending.add(item(horizons, rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                            rs.getString(4)));
                }, kekId);
            }
        });
        List<OverdueKek> overdue = epochs.overdue().stream()
                .map(o -> new OverdueKek(o.kekId(), o.dueAt(), o.reason())).toList();
        return new Report(clock.instant(), passedKeys[0], passed, pending, overdue);
    }

    private static ItemHorizon item(Map<String, KekEpochs.Horizon> horizons, UUID subjectId, String dataClass,
                                    int keyVersion, String kekId) {
        KekEpochs.Horizon horizon = horizons.get(kekId);
        return new ItemHorizon(subjectId, DataClass.valueOf(dataClass), keyVersion, kekId,
                horizon == null ? null : horizon.at(), horizon != null && horizon.passed());
    }
}
