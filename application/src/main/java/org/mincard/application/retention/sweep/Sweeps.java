package org.mincard.application.retention.sweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.mincard.application.retention.holds.HeldItems;
import org.mincard.application.retention.manifest.ManifestWriter;
import org.mincard.domain.retention.RetentionPolicy;
import org.mincard.application.retention.policy.RetentionProperties;
import org.mincard.application.vault.KeyDestruction;
import org.mincard.application.vault.KeyShredder;
import org.mincard.application.vault.PurgeReference;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.retention.PersonalDataPurged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

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

/**
 * Retention sweeps. A sweep plans its work list in one transaction (every schedule item due as of its start and not
 * purged since its data was sealed), then processes it in batches, each batch one transaction: re-check that each
 * item is still due, skip held ones, destroy the keys, run the {@link PurgeListener}s, append one
 * {@link PersonalDataPurged} per item to the sweep's stream, record the item states, counts and purge records. A sweep
 * cut off at any point resumes from its pending items; nothing is purged or recorded twice. The last transaction
 * writes the signed manifest and completes the sweep. At most one sweep runs at a time (a unique index).
 */
@Component
public class Sweeps {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeps.class);
    static final String AGGREGATE_TYPE = "Sweep";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventStore eventStore;
    private final SweepEventAppender appender;
    private final KeyShredder keys;
    private final List<PurgeListener> listeners;
    private final HeldItems holds;
    private final ManifestWriter manifests;
    private final RetentionPolicy policy;
    private final RetentionProperties properties;
    private final Clock clock;
    private final Serializer serializer;
    private final SweepObserver observer;
    private final AtomicReference<SweepStatus> current = new AtomicReference<>();
    private final Map<DataClass, Counter> purgedCounters = new EnumMap<>(DataClass.class);
    private final Counter heldCounter;

    Sweeps(JdbcTemplate jdbc, TransactionTemplate transactions, EventStore eventStore, SweepEventAppender appender,
           KeyShredder keys,
           List<PurgeListener> listeners, HeldItems holds, ManifestWriter manifests, RetentionPolicy policy,
           RetentionProperties properties, Clock clock, Serializer serializer,
           ObjectProvider<SweepObserver> observer, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.eventStore = eventStore;
        this.appender = appender;
        this.keys = keys;
        this.listeners = listeners;
        this.holds = holds;
        this.manifests = manifests;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
        this.serializer = serializer;
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
        Gauge.builder("mincard.retention.sweep.total", current, c -> c.get() == null ? 0 : c.get().total())
                .description("Items planned by the running or last sweep").register(meters);
        Gauge.builder("mincard.retention.sweep.running", current,
                c -> c.get() != null && "RUNNING".equals(c.get().state()) ? 1 : 0)
                .description("1 while a sweep runs").register(meters);
    }

    /** A sweep's progress and counts. */
    public record SweepStatus(UUID sweepId, String state, String trigger, String profile, String policyVersion,
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
                            started_at, state, total) VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', 0)""",
                        sweepId, trigger, startedBy, policy.profile(), policy.version(), Timestamp.from(asOf),
                        Timestamp.from(asOf));
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
            Integer processed = transactions.execute(status -> processBatch(sweepId, number));
            LOG.debug("Retention sweep {} batch {}: {} items in {} ms", sweepId, number, processed,
                    (System.nanoTime() - started) / 1_000_000);
            current.set(status(sweepId).orElseThrow());
            if (processed == null || processed == 0) {
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
            return new SweepStatus(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                    finished == null ? null : finished.toInstant(), rs.getInt(9), purged + held + failed + gone,
                    purged, held, failed, gone);
        }, sweepId).stream().findFirst();
    }

    private record WorkItem(int itemNo, UUID cardholderId, DataClass dataClass, String ruleId, Instant dueAt,
                            boolean stillDue) {
    }

    private int processBatch(UUID sweepId, int batchNumber) {
        Map<String, Object> sweep = jdbc.queryForMap("""
                SELECT as_of, profile, policy_version, next_event_sequence, state FROM retention.sweep
                WHERE sweep_id = ? FOR UPDATE""", sweepId);
        if (!"RUNNING".equals(sweep.get("state"))) {
            return 0;
        }
        Instant asOf = ((Timestamp) sweep.get("as_of")).toInstant();
        List<WorkItem> items = jdbc.query("""
                SELECT w.item_no, w.cardholder_id, w.data_class, w.rule_id, w.due_at,
                       (si.due_at IS NOT NULL AND si.due_at <= ?) AS still_due
                FROM retention.sweep_item w
                LEFT JOIN retention.schedule_item si
                       ON si.cardholder_id = w.cardholder_id AND si.data_class = w.data_class
                WHERE w.sweep_id = ? AND w.state = 'PENDING'
                ORDER BY w.item_no LIMIT ?""", (rs, i) -> new WorkItem(rs.getInt(1), rs.getObject(2, UUID.class),
                DataClass.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(),
                rs.getBoolean(6)), Timestamp.from(asOf), sweepId, properties.sweep().batchSize());
        if (items.isEmpty()) {
            return 0;
        }
        Set<UUID> held = holds.held(items.stream().filter(WorkItem::stillDue).map(WorkItem::cardholderId)
                .collect(java.util.stream.Collectors.toSet()));
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
        long sequence = ((Number) sweep.get("next_event_sequence")).longValue();
        String profile = (String) sweep.get("profile");
        String version = (String) sweep.get("policy_version");
        List<PersonalDataPurged> events = new ArrayList<>(purge.size());
        for (WorkItem item : purge) {
            events.add(new PersonalDataPurged(sweepId, item.cardholderId(), item.dataClass(), item.ruleId(), profile,
                    version, item.dueAt(), purgedAt));
        }
        sequence = appender.append(sweepId, sequence, events);
        setState(sweepId, purge.stream().map(WorkItem::itemNo).toList(), "PURGED");
        setState(sweepId, heldNos, "HELD");
        setState(sweepId, goneNos, "NO_LONGER_DUE");
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

    private void setState(UUID sweepId, List<Integer> itemNos, String state) {
        if (itemNos.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    UPDATE retention.sweep_item SET state = ? WHERE sweep_id = ? AND item_no = ANY (?::int[])""");
            statement.setString(1, state);
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
            var statement = connection.prepareStatement("""
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

    private void complete(UUID sweepId) {
        Map<String, Object> sweep = jdbc.queryForMap("""
                SELECT trigger_kind, started_by, profile, policy_version, as_of, started_at, state
                FROM retention.sweep WHERE sweep_id = ? FOR UPDATE""", sweepId);
        if (!"RUNNING".equals(sweep.get("state"))) {
            return;
        }
        Instant finishedAt = clock.instant();
        manifests.write(new ManifestWriter.SweepHeader(sweepId, (String) sweep.get("trigger_kind"),
                (String) sweep.get("started_by"), (String) sweep.get("profile"),
                (String) sweep.get("policy_version"), ((Timestamp) sweep.get("as_of")).toInstant(),
                ((Timestamp) sweep.get("started_at")).toInstant(), finishedAt));
        jdbc.update("UPDATE retention.sweep SET state = 'COMPLETED', finished_at = ? WHERE sweep_id = ?",
                Timestamp.from(finishedAt), sweepId);
    }

    /**
     * Waits until every segment of the retention schedule, on whichever node processes it, has reached the event
     * store's head as it was when the sweep was asked for. Reads the shared token table, so it works on any node.
     */
    private void awaitScheduleCaughtUp() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? -1 : headToken.position().orElse(-1);
        if (head < 0) {
            return;
        }
        long deadline = System.nanoTime() + properties.sweep().catchUpTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> positions = jdbc.query("""
                    SELECT token, tokentype FROM tokenentry WHERE processorname = 'retention-schedule'""",
                    (rs, i) -> {
                        byte[] token = rs.getBytes(1);
                        if (token == null) {
                            return -1L;
                        }
                        TrackingToken tracking = serializer.deserialize(
                                new SimpleSerializedObject<>(token, byte[].class, rs.getString(2), null));
                        return tracking == null ? -1L : tracking.position().orElse(-1);
                    });
            if (!positions.isEmpty() && positions.stream().allMatch(position -> position >= head)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warn("Retention schedule not caught up within {}; the sweep plans with what it has (items due but not "
                + "yet scheduled wait for the next sweep)", properties.sweep().catchUpTimeout());
    }
}
