package org.mincard.application.benchmark;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.domain.casefile.CheckInApplicant;
import org.mincard.domain.casefile.SubmitCase;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.PersonalDataSealer;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.Role;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 2: commands offered at a fixed rate whatever the service's answer time (open loop: a late answer does not
 * delay the next command), half submissions and half check-ins of earlier submissions, through the command gateway.
 * A poller reads {@code read_model.work_queue_item} (or {@code read_model.case_view} in a build without the work
 * queues) every few milliseconds; a command's visibility latency runs from its
 * completion to the first poll that shows its effect (resolution: the poll interval).
 */
final class VisibilityLatency {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    record Result(double offeredPerSecond, double completedPerSecond, Latencies visibility, Latencies commandLatency,
                  long notSeen, long failed) {
    }

    private record Pending(UUID caseId, UUID site, String state, long completedAt) {
    }

    /** A submitted case already seen in the read model, ready to be checked in by a clerk of its site. */
    private record Visible(UUID caseId, UUID site) {
    }

    private final CommandGateway gateway;
    private final PersonalDataSealer sealer;
    private final JdbcTemplate jdbc;
    private final List<UUID> sites;
    private final AtomicLong unseen = new AtomicLong();
    private final String table;

    VisibilityLatency(ApplicationContext context, List<UUID> sites) {
        this.gateway = context.getBean(CommandGateway.class);
        this.sealer = context.getBean(PersonalDataSealer.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.sites = sites;
        // The work queues' table (issue 6) where the build has it: it is what a clerk's queue shows. Both tables
        // carry the case id and its state.
        Boolean queues = jdbc.queryForObject(
                "SELECT to_regclass('read_model.work_queue_item') IS NOT NULL", Boolean.class);
        this.table = Boolean.TRUE.equals(queues) ? "read_model.work_queue_item" : "read_model.case_view";
    }

    String table() {
        return table;
    }

    Result run(int perSecond, Duration measure) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(64);
        ConcurrentLinkedQueue<Pending> completed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Visible> submitted = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        Latencies commandLatency = new Latencies();
        Latencies visibility = new Latencies();
        long interval = 1_000_000_000L / perSecond;
        long total = measure.toSeconds() * perSecond;
        long start = System.nanoTime();
        Thread poller = Benchmark.thread("bench-visibility-poller", () ->
                poll(completed, submitted, visibility, start + measure.toNanos() + TimeUnit.SECONDS.toNanos(10)));
        ConcurrentLinkedQueue<long[]> commandTimes = new ConcurrentLinkedQueue<>();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Visible toCheckIn = i % 2 == 1 ? submitted.poll() : null;
            UUID site = toCheckIn != null ? toCheckIn.site() : sites.get((int) (i % sites.size()));
            Actor clerk = new Actor(UUID.nameUUIDFromBytes(("bench-clerk-" + site).getBytes()).toString(),
                    Role.CLERK, Set.of(site), false);
            workers.submit(() -> {
                try {
                    UUID caseId;
                    String state;
                    Object command;
                    if (toCheckIn != null) {
                        caseId = toCheckIn.caseId();
                        state = "CHECKED_IN";
                        command = new CheckInApplicant(caseId, Instant.now());
                    } else {
                        caseId = UUID.randomUUID();
                        state = "SUBMITTED";
                        UUID holder = UUID.randomUUID();
                        command = new SubmitCase(caseId, CaseType.NEW, site, holder, AgeBand.ADULT,
                                sealer.seal(holder, new CardRecord("Visible Person", LocalDate.of(1990, 5, 5), null)),
                                sealer.seal(holder, new Contact("+1 312 555 0199", null)), null, null, null,
                                Instant.now());
                    }
                    gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                            .andMetaData(ActorMetadataFormat.of(clerk)));
                    long done = System.nanoTime();
                    commandTimes.add(new long[] {due, done});
                    completed.add(new Pending(caseId, site, state, done));
                } catch (RuntimeException e) {
                    if (failed.incrementAndGet() <= 3) {
                        System.err.println("bench: visibility command failed: " + e);
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.MINUTES);
        double completedPerSecond = commandTimes.size() / ((System.nanoTime() - start) / 1e9);
        poller.join();
        for (long[] times : commandTimes) {
            commandLatency.add(times[1] - times[0]);
        }
        long notSeen = unseen.get();
        return new Result(perSecond, completedPerSecond, Latencies.merge(List.of(visibility)),
                Latencies.merge(List.of(commandLatency)), notSeen, failed.get());
    }

    private void poll(ConcurrentLinkedQueue<Pending> completed, ConcurrentLinkedQueue<Visible> visibleSubmissions,
                      Latencies visibility, long deadline) {
        Map<UUID, Pending> waiting = new HashMap<>();
        while (System.nanoTime() < deadline) {
            for (Pending next = completed.poll(); next != null; next = completed.poll()) {
                waiting.put(next.caseId(), next);
            }
            if (!waiting.isEmpty()) {
                UUID[] ids = waiting.keySet().toArray(UUID[]::new);
                List<Map<String, Object>> rows = jdbc.execute((Connection connection) -> {
                    Array array = connection.createArrayOf("uuid", ids);
                    try (var statement = connection.prepareStatement(
                            "SELECT case_id, state FROM " + table + " WHERE case_id = ANY (?)")) {
                        statement.setArray(1, array);
                        try (var result = statement.executeQuery()) {
                            List<Map<String, Object>> found = new ArrayList<>();
                            while (result.next()) {
                                found.add(Map.of("case_id", result.getObject(1), "state", result.getString(2)));
                            }
                            return found;
                        }
                    }
                });
                long seen = System.nanoTime();
                for (Map<String, Object> row : rows) {
                    Pending pending = waiting.get((UUID) row.get("case_id"));
                    if (pending != null && pending.state().equals(row.get("state"))) {
                        visibility.add(seen - pending.completedAt());
                        waiting.remove(pending.caseId());
                        if (pending.state().equals("SUBMITTED")) {
                            // Checked in only once seen, so the two samples of one case never overlap.
                            visibleSubmissions.add(new Visible(pending.caseId(), pending.site()));
                        }
                    }
                }
            } else if (completed.isEmpty() && System.nanoTime() > deadline - TimeUnit.SECONDS.toNanos(10)) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        // Changes still not visible count with the time waited so far, so a backlog raises the percentiles (then
        // lower bounds) instead of dropping out of them.
        long now = System.nanoTime();
        for (Pending pending : waiting.values()) {
            visibility.add(now - pending.completedAt());
            unseen.incrementAndGet();
        }
    }
}
