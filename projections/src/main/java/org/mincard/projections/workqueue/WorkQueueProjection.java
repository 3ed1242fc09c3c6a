package org.mincard.projections.workqueue;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.projections.batch.UnitOfWorkBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the work queues and the dashboard's fact tables. Events are not written one by one: each handler call only
 * adds the event to the batch of the current unit of work (a pooled processor handles up to batch-size events in
 * one), and the batch is written just before that unit of work commits, in its transaction, together with the
 * processor's token: one read and one write round trip per batch. See {@link WorkQueueBatch}.
 */
@Component
@ProcessingGroup(WorkQueueProjection.PROCESSING_GROUP)
class WorkQueueProjection {

    static final String PROCESSING_GROUP = "work-queue";

    private final JdbcTemplate jdbc;
    private final QueueSla sla;
    private final SiteCalendar calendar;

    WorkQueueProjection(JdbcTemplate jdbc, QueueSla sla, SiteCalendar calendar) {
        this.jdbc = jdbc;
        this.sla = sla;
        this.calendar = calendar;
    }

    @EventHandler
    void on(CaseFileEvent event, @SequenceNumber long sequence) {
        batch().add(event, sequence);
    }

    @EventHandler
    void on(CardRevoked event, @SequenceNumber long sequence) {
        batch().add(event, sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE read_model.work_queue_item, read_model.queue_stay, read_model.dashboard_fact, "
                + "read_model.card_revocation, read_model.queue_depth, read_model.queue_open_day, "
                + "read_model.dashboard_day, read_model.queue_stay_bucket");
    }

    private WorkQueueBatch batch() {
        return UnitOfWorkBatch.current(WorkQueueProjection.class, () -> new WorkQueueBatch(jdbc, sla, calendar),
                WorkQueueBatch::flush);
    }
}
