package org.mincard.application.retention.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.mincard.application.vault.ErasureHorizons;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.retention.RetentionPolicy;
import org.mincard.domain.retention.RetentionRule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes a sweep's purge manifest: canonical JSON (keys sorted, no whitespace, UTF-8), signed with Ed25519 and
 * chained to the previous manifest by its SHA-256. Runs inside the transaction that completes the sweep.
 */
@Component
public class ManifestWriter {

    /** Canonical form: sorted keys at every level, no insignificant whitespace, ISO-8601 instants as strings. */
    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JdbcTemplate jdbc;
    private final ManifestSigner signer;
    private final RetentionPolicy policy;
    private final ErasureHorizons horizons;

    ManifestWriter(JdbcTemplate jdbc, ManifestSigner signer, RetentionPolicy policy, ErasureHorizons horizons) {
        this.jdbc = jdbc;
        this.signer = signer;
        this.policy = policy;
        this.horizons = horizons;
    }

    /** The sweep's header as the sweep table has it. */
    public record SweepHeader(UUID sweepId, String trigger, String startedBy, String profile, String policyVersion,
                              Instant asOf, Instant startedAt, Instant finishedAt) {
    }

    /** What became of a work-list item, as the manifest counts and lists it. */
    public enum Outcome {
        PURGED("purged"),
        HELD("held"),
        FAILED("failed"),
        NO_LONGER_DUE("noLongerDue");

        private final String key;

        Outcome(String key) {
            this.key = key;
        }
    }

    /** One settled item of the sweep's work list, in work-list order. */
    public record Entry(UUID subjectId, DataClass dataClass, String ruleId, Instant dueAt, Outcome outcome) {
    }

    /** Builds, signs and stores the manifest of a sweep whose items are all settled. */
    public void write(SweepHeader sweep, List<Entry> entries) {
        List<Map<String, Object>> previous = jdbc.queryForList("""
                SELECT sequence_no, sha256 FROM retention.manifest ORDER BY sequence_no DESC LIMIT 1""");
        long sequence = previous.isEmpty() ? 1 : ((Number) previous.get(0).get("sequence_no")).longValue() + 1;
        String previousHash = previous.isEmpty() ? null
                : HexFormat.of().formatHex((byte[]) previous.get(0).get("sha256"));

        Map<String, Integer> counts = new TreeMap<>(Map.of("eligible", 0, "purged", 0, "held", 0, "failed", 0,
                "noLongerDue", 0));
        Map<String, List<Map<String, Object>>> lists = new TreeMap<>();
        TreeSet<String> ruleIds = new TreeSet<>();
        // Erasure horizon per purged item: the latest among its destroyed key versions (ADR 0010), as planned now.
        Map<String, ErasureHorizons.ItemHorizon> horizonByItem = new TreeMap<>();
        List<Entry> purgedEntries = entries.stream().filter(entry -> entry.outcome() == Outcome.PURGED).toList();
        for (ErasureHorizons.ItemHorizon horizon : horizons.ofSweep(sweep.sweepId(),
                purgedEntries.stream().map(Entry::subjectId).toList(),
                purgedEntries.stream().map(entry -> entry.dataClass().name()).toList())) {
            horizonByItem.merge(horizon.subjectId() + "|" + horizon.dataClass(), horizon, (a, b) ->
                    a.horizon() == null || (b.horizon() != null && b.horizon().isAfter(a.horizon())) ? b : a);
        }
        for (Entry entry : entries) {
            String key = entry.outcome().key;
            counts.merge("eligible", 1, Integer::sum);
            counts.merge(key, 1, Integer::sum);
            Map<String, Object> item = new TreeMap<>();
            item.put("subjectId", entry.subjectId().toString());
            item.put("dataClass", entry.dataClass().name());
            item.put("ruleId", entry.ruleId());
            item.put("dueAt", entry.dueAt().toString());
            lists.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
            if (entry.outcome() == Outcome.PURGED) {
                ruleIds.add(entry.ruleId());
                ErasureHorizons.ItemHorizon horizon = horizonByItem.get(entry.subjectId() + "|"
                        + entry.dataClass().name());
                item.put("kekId", horizon == null ? null : horizon.kekId());
                item.put("erasureHorizon", horizon == null || horizon.horizon() == null ? null
                        : horizon.horizon().toString());
            }
        }

        List<Map<String, Object>> rules = new ArrayList<>();
        for (String ruleId : ruleIds) {
            Map<String, Object> rule = new TreeMap<>();
            rule.put("id", ruleId);
            RetentionRule known = policy.profile().equals(sweep.profile()) && policy.version().equals(
                    sweep.policyVersion()) ? policy.rule(ruleId).orElse(null) : null;
            if (known != null) {
                rule.put("dataClass", known.dataClass().name());
                rule.put("trigger", known.trigger().name());
                rule.put("delay", known.delay().toString());
                rule.put("authority", known.authority());
            } else {
                // Resumed after the active policy changed: the rule is named, its text is in that policy version.
                rule.put("authority", "see profile " + sweep.profile() + " version " + sweep.policyVersion());
            }
            rules.add(rule);
        }

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "mincard-purge-manifest/2");
        manifest.put("sequence", sequence);
        manifest.put("sweepId", sweep.sweepId().toString());
        manifest.put("trigger", sweep.trigger());
        manifest.put("startedBy", sweep.startedBy());
        manifest.put("profile", sweep.profile());
        manifest.put("policyVersion", sweep.policyVersion());
        manifest.put("asOf", sweep.asOf().toString());
        manifest.put("startedAt", sweep.startedAt().toString());
        manifest.put("finishedAt", sweep.finishedAt().toString());
        manifest.put("previousManifestSha256", previousHash);
        manifest.put("counts", counts);
        manifest.put("rules", rules);
        manifest.put("purged", lists.getOrDefault("purged", List.of()));
        manifest.put("held", lists.getOrDefault("held", List.of()));
        manifest.put("failed", lists.getOrDefault("failed", List.of()));
        manifest.put("noLongerDue", lists.getOrDefault("noLongerDue", List.of()));

        byte[] bytes = canonical(manifest);
        byte[] signature = signer.sign(bytes);
        jdbc.update("""
                INSERT INTO retention.manifest (sweep_id, sequence_no, manifest, signature, sha256, previous_sha256,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                sweep.sweepId(), sequence, bytes, signature, sha256(bytes),
                previousHash == null ? null : HexFormat.of().parseHex(previousHash),
                Timestamp.from(sweep.finishedAt()));
    }

    static byte[] canonical(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest not serializable", e);
        }
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
