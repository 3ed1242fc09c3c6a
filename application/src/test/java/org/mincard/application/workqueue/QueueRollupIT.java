package org.mincard.application.workqueue;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mincard.projections.workqueue.ListQueueSummaries;
import org.mincard.projections.workqueue.QueueSummary;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The work-queue rollups (ADR 0020) equal a recount of the rows they summarise, after a mixed workload over several
 * days and two sites, and again after a replay of the work-queue processor; the queue summary read from them equals
 * the summary computed over every open case. Intake's SLA is 90 minutes here ({@link QueueItSupport}).
 */
class QueueRollupIT extends QueueItSupport {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Autowired
    QueryGateway queries;

    @Test
    void rollupsEqualARecount_liveAndAfterAReplay() {
        UUID handedOver = approvedCase("Roll Handed");
        act("clerk-a", handedOver, "claim");
        act("clerk-a", handedOver, "produce-card");
        act("clerk-a", handedOver, "hand-over");
        awaitCaseState(handedOver, "HANDED_OVER");
        assertThat(post("supervisor", "/api/v1/cards/" + cardNumberOf(handedOver) + "/revoke",
                Map.of("reason", "FRAUD")).getStatusCode().value()).isEqualTo(200);
        UUID waiting = submit("clerk-a", SITE_A, "Roll Waiting");
        clock.advance(Duration.ofHours(26));
        UUID nextDay = submit("clerk-a", SITE_A, "Roll Next Day");
        act("supervisor", nextDay, "priority", Map.of("priority", "URGENT"));
        act("supervisor", nextDay, "assign", Map.of("clerkId", TEST_CLERK_ID));
        UUID denied = submit("clerk-b", SITE_B, "Roll Denied");
        clock.advance(Duration.ofHours(2));
        act("clerk-b", denied, "check-in");
        awaitCaseState(denied, "CHECKED_IN");
        act("clerk-b", denied, "claim");
        act("clerk-b", denied, "review", review("FOREIGN_PASSPORT"));
        act("clerk-b", denied, "deny", Map.of("reason", "INSUFFICIENT_DOCUMENTS"));
        UUID withdrawn = submit("clerk-b", SITE_B, "Roll Withdrawn");
        act("clerk-b", withdrawn, "claim");
        act("clerk-b", withdrawn, "release");
        clock.advance(Duration.ofMinutes(30));
        act("clerk-b", withdrawn, "withdraw");
        // Two cases on the SLA cut-off's own day, one entered before the cut-off and one after.
        UUID beforeCutoff = submit("clerk-a", SITE_A, "Roll Before Cutoff");
        clock.advance(Duration.ofMinutes(60));
        UUID afterCutoff = submit("clerk-a", SITE_A, "Roll After Cutoff");
        awaitCaseState(denied, "DENIED");
        awaitCaseState(withdrawn, "WITHDRAWN");
        awaitQueue(waiting, "INTAKE");
        awaitQueue(beforeCutoff, "INTAKE");
        awaitQueue(afterCutoff, "INTAKE");
        awaitCaughtUp();
        Instant asOf = clock.instant().plus(Duration.ofMinutes(40));

        Map<String, List<Map<String, Object>>> live = rollups();
        Map<String, List<Map<String, Object>>> liveRecount = recount();
        List<QueueSummary> liveSummary = summaries(asOf);
        List<QueueSummary> withEmptyQueues = queries.query(new ListQueueSummaries(null, asOf),
                ResponseTypes.multipleInstancesOf(QueueSummary.class)).join();

        ResponseEntity<Map<String, Object>> started = post("admin", "/api/v1/admin/replays",
                Map.of("processingGroup", "work-queue"));
        String progressPath = started.getHeaders().getLocation().getPath();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("admin", progressPath).getBody()).containsEntry("done", true));
        awaitCaughtUp();

        assertThat(live.get("dashboard_day").toString()).contains("RECEIVED", "COMPLETED", "DENIED", "ASSIGNED",
                "STEP", "BREACH");
        assertThat(live.get("queue_open_day")).isNotEmpty();
        assertThat(live.get("queue_stay_bucket")).isNotEmpty();
        assertThat(live).isEqualTo(liveRecount);
        assertThat(rollups()).isEqualTo(recount()).isEqualTo(live);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM read_model.queue_depth WHERE open < 0 OR unassigned < 0 OR unassigned > open""",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.queue_open_day WHERE open < 0", Long.class))
                .isZero();
        assertThat(liveSummary).isEqualTo(recountedSummaries(asOf)).isEqualTo(summaries(asOf));
        assertThat(liveSummary).anySatisfy(summary -> assertThat(summary.overdue()).isPositive());
        assertThat(liveSummary).anySatisfy(summary -> assertThat(summary.depth()).isGreaterThan(summary.overdue()));
        assertThat(withEmptyQueues).anySatisfy(summary -> assertThat(summary.depth()).isZero());
    }

    private List<QueueSummary> summaries(Instant asOf) {
        return queries.query(new ListQueueSummaries(null, asOf),
                ResponseTypes.multipleInstancesOf(QueueSummary.class)).join().stream()
                .filter(summary -> summary.depth() > 0).toList();
    }

    /** The summary as it was computed before the rollups: over every open case. */
    private List<QueueSummary> recountedSummaries(Instant asOf) {
        return jdbc.query("""
                SELECT site_id, queue, count(*) AS depth, min(entered_at) AS oldest,
                    count(*) FILTER (WHERE queue = 'INTAKE' AND entered_at < ?::timestamptz) AS overdue,
                    count(*) FILTER (WHERE assignee IS NULL) AS unassigned
                FROM read_model.work_queue_item WHERE queue IS NOT NULL
                GROUP BY site_id, queue ORDER BY site_id, queue""",
                (rs, n) -> new QueueSummary(rs.getObject("site_id", UUID.class),
                        WorkQueue.valueOf(rs.getString("queue")),
                        rs.getLong("depth"), rs.getObject("oldest", OffsetDateTime.class).toInstant(),
                        rs.getLong("overdue"), rs.getLong("unassigned")),
                asOf.minus(Duration.ofMinutes(90)).toString()).stream()
                .sorted(Comparator.comparing(QueueSummary::siteId)
                        .thenComparing(summary -> summary.queue().ordinal()))
                .toList();
    }

    private Map<String, List<Map<String, Object>>> rollups() {
        return Map.of(
                "queue_depth", jdbc.queryForList("""
                        SELECT site_id, queue, open, unassigned FROM read_model.queue_depth WHERE open <> 0
                        ORDER BY 1, 2"""),
                "queue_open_day", jdbc.queryForList("""
                        SELECT site_id, queue, case_type, day, open FROM read_model.queue_open_day WHERE open <> 0
                        ORDER BY 1, 2, 3, 4"""),
                "dashboard_day", jdbc.queryForList("""
                        SELECT day, site_id, kind, detail, clerk_id, n FROM read_model.dashboard_day
                        ORDER BY 1, 2, 3, 4, 5"""),
                "queue_stay_bucket", jdbc.queryForList("""
                        SELECT day, site_id, queue, bucket, stays, round(seconds::numeric, 3) AS seconds
                        FROM read_model.queue_stay_bucket ORDER BY 1, 2, 3, 4"""));
    }

    /**
     * The same figures counted from the rows; the bucket expression and the SLA (intake 90 min) as documented. Days
     * of stays are the site's days (ADR 0027): both demo sites keep Chicago time; open days stay UTC days.
     */
    private Map<String, List<Map<String, Object>>> recount() {
        return Map.of(
                "queue_depth", jdbc.queryForList("""
                        SELECT site_id, queue, count(*) AS open, count(*) FILTER (WHERE assignee IS NULL) AS unassigned
                        FROM read_model.work_queue_item WHERE queue IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"""),
                "queue_open_day", jdbc.queryForList("""
                        SELECT site_id, queue, case_type, (entered_at AT TIME ZONE 'UTC')::date AS day, count(*) AS open
                        FROM read_model.work_queue_item WHERE queue IS NOT NULL GROUP BY 1, 2, 3, 4
                        ORDER BY 1, 2, 3, 4"""),
                "dashboard_day", jdbc.queryForList("""
                        SELECT day, site_id, kind, detail, clerk_id, count(*) AS n FROM (
                            SELECT day, site_id, kind, coalesce(detail, '') AS detail,
                                coalesce(clerk_id, '') AS clerk_id FROM read_model.dashboard_fact
                            UNION ALL
                            SELECT (left_at AT TIME ZONE 'America/Chicago')::date, site_id, 'STEP', '', clerk_id
                            FROM read_model.queue_stay WHERE clerk_id IS NOT NULL
                            UNION ALL
                            SELECT (left_at AT TIME ZONE 'America/Chicago')::date, site_id, 'BREACH', queue, ''
                            FROM read_model.queue_stay
                            WHERE queue = 'INTAKE' AND left_at - entered_at > interval '90 minutes') f
                        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5"""),
                "queue_stay_bucket", jdbc.queryForList("""
                        SELECT day, site_id, queue, bucket, count(*) AS stays, round(sum(s)::numeric, 3) AS seconds
                        FROM (SELECT (left_at AT TIME ZONE 'America/Chicago')::date AS day, site_id, queue,
                                CASE WHEN s < 1 THEN 0 ELSE 1 + floor(ln(s) / ln(1.1::float8))::int END AS bucket, s
                              FROM (SELECT *, extract(epoch FROM left_at - entered_at)::float8 AS s
                                    FROM read_model.queue_stay) st) b
                        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"""));
    }

    private void awaitCaughtUp() {
        StreamingEventProcessor processor = processing.eventProcessor("work-queue", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            long head = eventStore.createHeadToken().position().orElse(-1);
            assertThat(processor.processingStatus().values()).isNotEmpty().allSatisfy(segment ->
                    assertThat(segment.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head));
        });
    }
}
