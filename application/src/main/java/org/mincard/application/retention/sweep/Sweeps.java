package org.mincard.application.retention.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mincard.application.config.ProcessorProgress;
import org.mincard.application.retention.PurgeListener;
import org.mincard.application.retention.PurgedItem;
import org.mincard.application.retention.holds.HeldItems;
import org.mincard.application.retention.manifest.ManifestWriter;
import org.mincard.application.retention.policy.RetentionProperties;
import org.mincard.application.vault.KeyDestruction;
import org.mincard.application.vault.KeyShredder;
import org.mincard.application.vault.PurgeReference;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.retention.PersonalDataPurged;
import org.mincard.domain.retention.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Retention sweeps. A sweep plans its work list in one transaction (every schedule item due as of its start and not
 * purged since its data was sealed), then processes it in batches, each batch one transaction: re-check that each
 * item is still due, skip held ones, destroy the keys, run the {@link PurgeListener}s, append one
 * {@link PersonalDataPurged} per item to the sweep's stream, record the item states, counts and purge records. A sweep
 * cut off at any point resumes from its pending items; nothing is purged or recorded twice. A batch that fails is
 * retried item by item, each item in its own transaction, and an item that fails alone is recorded as
 * {@link SweepItemState#FAILED} (nothing of it purged; the next sweep plans it again) so that one bad item cannot
 * stop every sweep. The last transaction writes the signed manifest and completes the sweep. At most one sweep runs
 * at a time (a unique index).
 */
@Component
public class Sweeps {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);
    static final String AGGREGATE_TYPE = "Sweep";
    private static final String SCHEDULE_PROCESSOR = "retention-schedule";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProcessorProgress progress;
    private final SweepEventAppender appender;
    private final KeyShredder keys;
    private final List<PurgeListener> listeners;
    private final HeldItems holds;
    private final ManifestWriter manifests;
    private final RetentionPolicy policy;
    private final RetentionProperties properties;
    private final Clock clock;
    private final SweepObserver observer;
    private final AtomicReference<SweepStatus> current = new AtomicReference<>();
    private final Map<DataClass, Counter> purgedCounters = new EnumMap<>(DataClass.class);
    private final Counter heldCounter;

    Sweeps(JdbcTemplate jdbc, TransactionTemplate transactions, ProcessorProgress progress,
           SweepEventAppender appender, KeyShredder keys, List<PurgeListener> listeners, HeldItems holds,
           ManifestWriter manifests, RetentionPolicy policy, RetentionProperties properties, Clock clock,
           ObjectProvider<SweepObserver> observer, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.progress = progress;
        this.appender = appender;
        this.keys = keys;
        this.listeners = listeners;
        this.holds = holds;
        this.manifests = manifests;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
        this.observer = observer.getIfAvailable(() -> (sweepId, batch) -> {
        });
        for (DataClass dataClass : DataClass.values()) {
            purgedCounters.put(dataClass, Counter.builder("mincard.retention.purged")
                    .description("Items (cardholder, data class) purged by retention sweeps")
                    .tag("data_class", dataClass.name()).register(meters));
        }
        heldCounter = Counter.builder("mincard.retention.held")
                .description("Due items skipped because a legal hold covers them").register(meters);
        Gauge.builder("mincard.retention.sweep.done", current, c -> c.get() == null ? 0 : c.get().done())
                .description("Items processed by the running or last sweep").register(meters);
        Gauge.builder("mincard.retention.sweep.planned", current, c -> c.get() == null ? 0 : c.get().total())
                .description("Items planned by the running or last sweep").register(meters);
        Gauge.builder("mincard.retention.sweep.running", current,
                c -> c.get() != null && c.get().state() == SweepState.RUNNING ? 1 : 0)
                .description("1 while a sweep runs").register(meters);
    }

    /** A sweep's progress and counts. */
    public record SweepStatus(UUID sweepId, SweepState state, String trigger, String profile, String policyVersion,
                              Instant asOf, Instant startedAt, Instant finishedAt, int total, int done, int purged,
                              int held, int failed, int noLongerDue) {
    }

    /** Thrown when a sweep is asked for while another one runs. */
    public static class SweepAlreadyRunning extends RuntimeException {
        private final UUID running;

        SweepAlreadyRunning(UUID running) {
            super("A retention sweep is already running");
            this.running = running;
        }

        public UUID running() {
            return running;
        }
    }

    /**
     * Plans a sweep of everything due now. Waits (bounded) for the retention schedule to catch up with the event
     * store first, so that a fact just recorded (a new case reopening a class) is not missed.
     */
    public SweepStatus plan(String trigger, String startedBy) {
        awaitScheduleCaughtUp();
        UUID sweepId = UUID.randomUUID();
        Instant asOf = clock.instant();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.update("""
                        INSERT INTO retention.sweep (sweep_id, trigger_kind, started_by, profile, policy_version, as_of,
                            started_at, state, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)""",
                        sweepId, trigger, startedBy, policy.profile(), policy.version(), Timestamp.from(asOf),
                        Timestamp.from(asOf), SweepState.RUNNING.name());
                int total = jdbc.update("""
                        INSERT INTO retention.sweep_item (sweep_id, item_no, cardholder_id, data_class, rule_id, due_at)
                        SELECT ?, row_number() OVER (ORDER BY si.due_at, si.cardholder_id, si.data_class),
                               si.cardholder_id, si.data_class, si.rule_id, si.due_at
                        FROM retention.schedule_item si
                        LEFT JOIN retention.purge_record p
                               ON p.cardholder_id = si.cardholder_id AND p.data_class = si.data_class
                        WHERE si.due_at <= ? AND (p.purged_at IS NULL OR p.purged_at < si.sealed_at)""",
                        sweepId, Timestamp.from(asOf));
                jdbc.update("UPDATE retention.sweep SET total = ? WHERE sweep_id = ?", total, sweepId);
            });
        } catch (DuplicateKeyException e) {
            throw new SweepAlreadyRunning(running().orElse(null));
        }
        SweepStatus status = status(sweepId).orElseThrow();
        current.set(status);
        LOG.info("Retention sweep {} planned: {} items due as of {}", sweepId, status.total(), asOf);
        return status;
    }

    /** Processes a planned or interrupted sweep to its end and writes its manifest. */
    public SweepStatus run(UUID sweepId) {
        int batch = 0;
        while (true) {
            int number = ++batch;
            long started = System.nanoTime();
            int processed = processOrIsolate(sweepId, number);
            LOG.debug("Retention sweep {} batch {}: {} items in {} ms", sweepId, number, processed,
                    (System.nanoTime() - started) / 1_000_000);
            current.set(status(sweepId).orElseThrow());
            if (processed == 0) {
                break;
            }
        }
        transactions.executeWithoutResult(status -> complete(sweepId));
        SweepStatus done = status(sweepId).orElseThrow();
        current.set(done);
        LOG.info("Retention sweep {} completed: {} purged, {} held, {} failed, {} no longer due", sweepId,
                done.purged(), done.held(), done.failed(), done.noLongerDue());
        return done;
    }

    /** Plans and runs a sweep in the calling thread. */
    public SweepStatus sweepNow(String trigger, String startedBy) {
        return run(plan(trigger, startedBy).sweepId());
    }

    public Optional<UUID> running() {
        return jdbc.queryForList("SELECT sweep_id FROM retention.sweep WHERE state = 'RUNNING'", UUID.class)
                .stream().findFirst();
    }

    public Optional<SweepStatus> status(UUID sweepId) {
        return jdbc.query("""
                SELECT sweep_id, state, trigger_kind, profile, policy_version, as_of, started_at, finished_at, total,
                       purged, held, failed, no_longer_due FROM retention.sweep WHERE sweep_id = ?""", (rs, i) -> {
            Timestamp finished = rs.getTimestamp(8);
            int purged = rs.getInt(10);
            int held = rs.getInt(11);
            int failed = rs.getInt(12);
            int gone = rs.getInt(13);
            return new SweepStatus(rs.getObject(1, UUID.class), SweepState.valueOf(rs.getString(2)), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                    finished == null ? null : finished.toInstant(), rs.getInt(9), purged + held + failed + gone,
                    purged, held, failed, gone);
        }, sweepId).stream().findFirst();
    }

    private record WorkItem(int itemNo, UUID cardholderId, DataClass dataClass, String ruleId, Instant dueAt,
                            boolean stillDue) {
    }

    /** The sweep's row as a batch reads it, locked. */
    private record SweepRow(Instant asOf, String profile, String policyVersion, long nextEventSequence,
                            SweepState state) {
    }

    /**
     * Processes the next batch in one transaction; if that fails, retries its items one by one, each in its own
     * transaction, and records an item that fails alone as FAILED. A failure that also prevents recording FAILED
     * (the database is gone) propagates: the sweep stays RUNNING and resumes later.
     */
    private int processOrIsolate(UUID sweepId, int batchNumber) {
        try {
            return transactions.execute(status -> processBatch(sweepId, batchNumber, null));
        } catch (RuntimeException batchFailure) {
            List<Integer> itemNos = jdbc.queryForList("""
                    SELECT item_no FROM retention.sweep_item WHERE sweep_id = ? AND state = 'PENDING'
                    ORDER BY item_no LIMIT ?""", Integer.class, sweepId, properties.sweep().batchSize());
            LOG.warn("Retention sweep {} batch {} failed ({}); retrying its {} items one by one", sweepId,
                    batchNumber, batchFailure.getClass().getSimpleName(), itemNos.size());
            for (int itemNo : itemNos) {
                try {
                    transactions.execute(status -> processBatch(sweepId, batchNumber, itemNo));
                } catch (RuntimeException itemFailure) {
                    // The exception's class only: its message may quote values of the failing statement.
                    LOG.warn("Retention sweep {} item {} failed ({}); recorded as FAILED, planned again by the next "
                            + "sweep", sweepId, itemNo, itemFailure.getClass().getSimpleName());
                    transactions.executeWithoutResult(status -> recordFailed(sweepId, itemNo));
                }
            }
            return itemNos.size();
        }
    }

    private void recordFailed(UUID sweepId, int itemNo) {
        int failed = jdbc.update("UPDATE retention.sweep_item SET state = ? WHERE sweep_id = ? AND item_no = ? "
                + "AND state = 'PENDING'", SweepItemState.FAILED.name(), sweepId, itemNo);
        jdbc.update("UPDATE retention.sweep SET failed = failed + ? WHERE sweep_id = ?", failed, sweepId);
    }

    /** Processes the next batch of pending items, or only pending item {@code onlyItem} when it is not null. */
    private int processBatch(UUID sweepId, int batchNumber, Integer onlyItem) {
        SweepRow sweep = jdbc.queryForObject("""
                SELECT as_of, profile, policy_version, next_event_sequence, state FROM retention.sweep
                WHERE sweep_id = ? FOR UPDATE""", (rs, i) -> new SweepRow(rs.getTimestamp(1).toInstant(),
                rs.getString(2), rs.getString(3), rs.getLong(4), SweepState.valueOf(rs.getString(5))), sweepId);
        if (sweep.state() != SweepState.RUNNING) {
            return 0;
        }
        // 'PENDING' as a literal, so that the partial index of pending items serves every plan of the statement.
        String pending = """
                SELECT w.item_no, w.cardholder_id, w.data_class, w.rule_id, w.due_at,
                       (si.due_at IS NOT NULL AND si.due_at <= ?) AS still_due
                FROM retention.sweep_item w
                LEFT JOIN retention.schedule_item si
                       ON si.cardholder_id = w.cardholder_id AND si.data_class = w.data_class
                WHERE w.sweep_id = ? AND w.state = 'PENDING'""";
        RowMapper<WorkItem> workItem = (rs, i) -> new WorkItem(rs.getInt(1), rs.getObject(2, UUID.class),
                DataClass.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getBoolean(6));
        List<WorkItem> items = onlyItem == null
                ? jdbc.query(pending + " ORDER BY w.item_no LIMIT ?", workItem, Timestamp.from(sweep.asOf()),
                        sweepId, properties.sweep().batchSize())
                : jdbc.query(pending + " AND w.item_no = ?", workItem, Timestamp.from(sweep.asOf()), sweepId,
                        onlyItem);
        if (items.isEmpty()) {
            return 0;
        }
        Set<UUID> held = holds.held(items.stream().filter(WorkItem::stillDue).map(WorkItem::cardholderId)
                .collect(Collectors.toSet()));
        List<WorkItem> purge = new ArrayList<>();
        List<Integer> heldNos = new ArrayList<>();
        List<Integer> goneNos = new ArrayList<>();
        for (WorkItem item : items) {
            if (!item.stillDue()) {
                goneNos.add(item.itemNo());
            } else if (held.contains(item.cardholderId())) {
                heldNos.add(item.itemNo());
            } else {
                purge.add(item);
            }
        }
        Instant purgedAt = clock.instant();
        keys.destroyKeys(purge.stream().map(item -> new KeyDestruction(item.cardholderId(), item.dataClass(),
                new PurgeReference(sweepId, item.ruleId()))).toList());
        List<PurgedItem> purged = purge.stream().map(item -> new PurgedItem(item.cardholderId(), item.dataClass()))
                .toList();
        for (PurgeListener listener : listeners) {
            listener.forget(purged);
        }
        List<PersonalDataPurged> events = new ArrayList<>(purge.size());
        for (WorkItem item : purge) {
            events.add(new PersonalDataPurged(sweepId, item.cardholderId(), item.dataClass(), item.ruleId(),
                    sweep.profile(), sweep.policyVersion(), item.dueAt(), purgedAt));
        }
        long sequence = appender.append(sweepId, sweep.nextEventSequence(), events);
        setState(sweepId, purge.stream().map(WorkItem::itemNo).toList(), SweepItemState.PURGED);
        setState(sweepId, heldNos, SweepItemState.HELD);
        setState(sweepId, goneNos, SweepItemState.NO_LONGER_DUE);
        recordPurges(sweepId, purge, purgedAt);
        jdbc.update("""
                UPDATE retention.sweep SET purged = purged + ?, held = held + ?, no_longer_due = no_longer_due + ?,
                    next_event_sequence = ? WHERE sweep_id = ?""",
                purge.size(), heldNos.size(), goneNos.size(), sequence, sweepId);
        observer.beforeCommit(sweepId, batchNumber);
        purge.forEach(item -> purgedCounters.get(item.dataClass()).increment());
        heldCounter.increment(heldNos.size());
        return items.size();
    }

    private void setState(UUID sweepId, List<Integer> itemNos, SweepItemState state) {
        if (itemNos.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    UPDATE retention.sweep_item SET state = ? WHERE sweep_id = ? AND item_no = ANY (?::int[])""");
            statement.setString(1, state.name());
            statement.setObject(2, sweepId);
            statement.setArray(3, connection.createArrayOf("int4", itemNos.toArray()));
            return statement;
        });
    }

    private void recordPurges(UUID sweepId, List<WorkItem> purge, Instant purgedAt) {
        if (purge.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO retention.purge_record (cardholder_id, data_class, purged_at, sweep_id)
                    SELECT d.cardholder_id, d.data_class, ?, ? FROM unnest(?::uuid[], ?::varchar[])
                         AS d(cardholder_id, data_class)
                    ON CONFLICT (cardholder_id, data_class)
                    DO UPDATE SET purged_at = EXCLUDED.purged_at, sweep_id = EXCLUDED.sweep_id""");
            statement.setTimestamp(1, Timestamp.from(purgedAt));
            statement.setObject(2, sweepId);
            statement.setArray(3, connection.createArrayOf("uuid",
                    purge.stream().map(WorkItem::cardholderId).toArray()));
            statement.setArray(4, connection.createArrayOf("varchar",
                    purge.stream().map(item -> item.dataClass().name()).toArray()));
            return statement;
        });
    }

    /** The sweep's row as the completing transaction reads it, locked. */
    private record CompletingSweep(ManifestWriter.SweepHeader header, SweepState state) {
    }

    private void complete(UUID sweepId) {
        Instant finishedAt = clock.instant();
        CompletingSweep sweep = jdbc.queryForObject("""
                SELECT trigger_kind, started_by, profile, policy_version, as_of, started_at, state
                FROM retention.sweep WHERE sweep_id = ? FOR UPDATE""", (rs, i) -> new CompletingSweep(
                new ManifestWriter.SweepHeader(sweepId, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), finishedAt),
                SweepState.valueOf(rs.getString(7))), sweepId);
        if (sweep.state() != SweepState.RUNNING) {
            return;
        }
        manifests.write(sweep.header(), jdbc.query("""
                SELECT cardholder_id, data_class, rule_id, due_at, state FROM retention.sweep_item
                WHERE sweep_id = ? ORDER BY item_no""", (rs, i) -> entry(rs), sweepId));
        jdbc.update("UPDATE retention.sweep SET state = ?, finished_at = ? WHERE sweep_id = ?",
                SweepState.COMPLETED.name(), Timestamp.from(finishedAt), sweepId);
    }

    private static ManifestWriter.Entry entry(ResultSet rs) throws SQLException {
        return new ManifestWriter.Entry(rs.getObject(1, UUID.class), DataClass.valueOf(rs.getString(2)),
                rs.getString(3), rs.getTimestamp(4).toInstant(), SweepItemState.valueOf(rs.getString(5)).outcome());
    }

    /**
     * Waits until the retention schedule has processed every event stored before the sweep was asked for, read from
     * its processor's status (Axon's processor API). After the catch-up timeout the sweep plans with what the schedule
     * has: an item not yet scheduled waits for the next sweep, nothing is purged early.
     */
    private void awaitScheduleCaughtUp() {
        if (!progress.awaitCaughtUp(SCHEDULE_PROCESSOR, properties.sweep().catchUpTimeout())) {
            LOG.warn("Retention schedule not caught up within {} (or not processed on this node); the sweep plans "
                    + "with what it has (items due but not yet scheduled wait for the next sweep)",
                    properties.sweep().catchUpTimeout());
        }
    }
}
