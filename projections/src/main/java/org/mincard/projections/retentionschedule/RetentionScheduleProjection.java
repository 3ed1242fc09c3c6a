package org.mincard.projections.retentionschedule;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.mincard.domain.cardholder.CardholderEvent;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.retention.RetentionFact;
import org.mincard.domain.retention.RetentionFacts;
import org.mincard.domain.retention.SweepEvent;
import org.mincard.projections.batch.UnitOfWorkBatch;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The retention schedule (pooled projection {@code retention-schedule}): per (cardholder, data class) the due time
 * and the deciding rule. Stores policy-independent facts, so a changed profile is recomputed from its own tables at
 * start-up without a replay; a replay rebuilds everything.
 */
@Component
@ProcessingGroup("retention-schedule")
public class RetentionScheduleProjection {

    private final ScheduleStore store;
    private final RetentionFacts facts;

    RetentionScheduleProjection(ScheduleStore store, RetentionFacts facts) {
        this.store = store;
        this.facts = facts;
    }

    @EventHandler
    void on(CaseFileEvent event) {
        apply(event);
    }

    @EventHandler
    void on(CardholderEvent event) {
        apply(event);
    }

    @EventHandler
    void on(SweepEvent event) {
        apply(event);
    }

    /**
     * Stores the event's facts at once; the locking and recomputation they call for happen once per batch, at
     * prepare-commit, in the batch's transaction (a batch's events in one segment could otherwise lock cardholders in
     * an order another segment's batch reverses: a deadlock).
     */
    private void apply(Object event) {
        List<RetentionFact> found = facts.of(event);
        if (found.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            ScheduleStore.Changes changes = new ScheduleStore.Changes();
            store.apply(found, changes);
            store.settle(changes);
            return;
        }
        ScheduleStore.Changes changes = UnitOfWorkBatch.current(RetentionScheduleProjection.class,
                ScheduleStore.Changes::new, batch -> {
                    if (!batch.isEmpty()) {
                        store.settle(batch);
                    }
                });
        store.apply(found, changes);
    }

    @ResetHandler
    void reset() {
        store.reset();
    }

    /** Recomputes every item from the stored facts when the active retention profile differs from the stored one. */
    public void recomputeIfPolicyChanged() {
        store.recomputeAllIfPolicyChanged();
    }
}
