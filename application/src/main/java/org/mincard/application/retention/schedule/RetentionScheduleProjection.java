package org.mincard.application.retention.schedule;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.mincard.domain.cardholder.CardholderEvent;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.retention.SweepEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * The retention schedule (pooled projection {@code retention-schedule}): per (cardholder, data class) the due time
 * and the deciding rule. Stores policy-independent facts, so a changed profile is recomputed from its own tables at
 * start-up without a replay; a replay rebuilds everything.
 */
@Component
@ProcessingGroup("retention-schedule")
class RetentionScheduleProjection {

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

    private void apply(Object event) {
        List<RetentionFact> found = facts.of(event);
        if (!found.isEmpty()) {
            Set<java.util.UUID> touched = store.apply(found);
            store.recompute(touched);
        }
    }

    @ResetHandler
    void reset() {
        store.reset();
    }

    @EventListener(ApplicationReadyEvent.class)
    void recomputeIfPolicyChanged() {
        store.recomputeAllIfPolicyChanged();
    }
}
