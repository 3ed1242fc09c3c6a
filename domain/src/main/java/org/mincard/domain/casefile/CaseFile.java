package org.mincard.domain.casefile;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import java.util.UUID;

/** A case: one unit of clerk work, from submission to its closing decision or hand-over. */
public class CaseFile {

    @AggregateIdentifier
    private UUID caseId;

    protected CaseFile() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public CaseFile(SubmitCase command) {
        AggregateLifecycle.apply(new CaseSubmitted(
                command.caseId(), command.type(), command.siteId(), command.submittedAt()));
    }

    @EventSourcingHandler
    void on(CaseSubmitted event) {
        this.caseId = event.caseId();
    }
}
