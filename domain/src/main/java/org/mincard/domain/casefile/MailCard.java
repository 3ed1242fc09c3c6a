package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mincard.domain.personaldata.SealedValue;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Mails the produced card; a delivery address is required, given now or at submission. */
public record MailCard(
        @TargetAggregateIdentifier UUID caseId,
        SealedValue delivery,
        Instant mailedAt) implements CaseFileCommand {

    public MailCard {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(mailedAt, "mailedAt");
    }
}
