package org.mincard.application.workqueue;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mincard.projections.workqueue.ListQueueItems;
import org.mincard.projections.workqueue.ListQueueSummaries;
import org.mincard.projections.workqueue.QueuePage;
import org.mincard.projections.workqueue.QueueSummary;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue queries are index scans, never a scan of the whole table: checked on 90,000 rows inserted and analysed
 * in a transaction that is rolled back, through PostgreSQL's per-transaction scan counters. The query handlers run
 * in the caller's thread and so in that transaction.
 */
class QueuePlanIT extends QueueItSupport {

    @Autowired
    QueryGateway queries;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void pagesAndSummariesUseTheirIndexes_whenTheTableIsLarge() {
        UUID site = UUID.randomUUID();
        UUID otherSite = UUID.randomUUID();

        transaction.executeWithoutResult(status -> {
            // One case in twenty at the site asked for, as in a city of twenty sites; a third of the cases closed.
            jdbc.update("""
                    INSERT INTO read_model.work_queue_item (case_id, site_id, case_type, cardholder_id, state, queue,
                        assignee, priority_rank, entered_at, card_id, version)
                    SELECT gen_random_uuid(), CASE WHEN i % 20 = 0 THEN ?::uuid ELSE ?::uuid END, 'NEW',
                        gen_random_uuid(), 'SUBMITTED', CASE WHEN i % 3 = 0 THEN NULL ELSE
                        (ARRAY['INTAKE', 'DOCUMENT_REVIEW', 'PRODUCTION', 'ISSUANCE'])[1 + i % 4] END,
                        CASE WHEN i % 5 = 0 THEN 'clerk-' || (i % 40) END, i % 4,
                        timestamptz '2029-01-01 00:00Z' + i * interval '1 minute', NULL, 1
                    FROM generate_series(1, 90000) AS i
                    """, site.toString(), otherSite.toString());
            // The rollups the projection would have kept for these rows (ADR 0020): the summary reads them.
            jdbc.update("""
                    INSERT INTO read_model.queue_depth (site_id, queue, open, unassigned)
                    SELECT site_id, queue, count(*), count(*) FILTER (WHERE assignee IS NULL)
                    FROM read_model.work_queue_item WHERE queue IS NOT NULL AND site_id IN (?::uuid, ?::uuid)
                    GROUP BY site_id, queue""", site.toString(), otherSite.toString());
            jdbc.update("""
                    INSERT INTO read_model.queue_open_day (site_id, queue, case_type, day, open)
                    SELECT site_id, queue, case_type, (entered_at AT TIME ZONE 'UTC')::date, count(*)
                    FROM read_model.work_queue_item WHERE queue IS NOT NULL AND site_id IN (?::uuid, ?::uuid)
                    GROUP BY 1, 2, 3, 4""", site.toString(), otherSite.toString());
            jdbc.execute("ANALYZE read_model.work_queue_item");
            jdbc.execute("ANALYZE read_model.queue_open_day");
            long seqScansBefore = scans("read_model.work_queue_item");

            QueuePage page = queries.query(new ListQueueItems(WorkQueue.INTAKE, Set.of(site), null, false, null, null,
                    null, null, null, 50, Instant.parse("2030-01-01T00:00:00Z")),
                    ResponseTypes.instanceOf(QueuePage.class)).join();
            long pageIndexScans = scans("read_model.work_queue_item_site_page_ix");
            long seqScansAfterPage = scans("read_model.work_queue_item") - seqScansBefore;
            QueuePage next = queries.query(new ListQueueItems(WorkQueue.INTAKE, Set.of(site), null, false, null,
                    true, null, null, page.next(), 50, Instant.parse("2030-01-01T00:00:00Z")),
                    ResponseTypes.instanceOf(QueuePage.class)).join();
            List<QueueSummary> summaries = queries.query(new ListQueueSummaries(Set.of(site), Instant.parse(
                    "2030-01-01T00:00:00Z")), ResponseTypes.multipleInstancesOf(QueueSummary.class)).join();

            assertThat(page.items()).hasSize(50);
            assertThat(next.items()).hasSize(50);
            assertThat(summaries).isNotEmpty();
            assertThat(pageIndexScans).as("page read through the per-site page index").isPositive();
            assertThat(seqScansAfterPage).as("sequential scans for the first page").isZero();
            assertThat(scans("read_model.work_queue_item") - seqScansBefore).as("sequential scans").isZero();
            status.setRollbackOnly();
        });
    }

    /** Scans of a table (sequential) or an index in the current transaction. */
    private long scans(String relation) {
        return jdbc.queryForObject("SELECT pg_stat_get_xact_numscans(?::regclass)", Long.class, relation);
    }
}
