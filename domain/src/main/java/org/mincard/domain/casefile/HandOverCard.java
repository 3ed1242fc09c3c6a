package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Hands the card to the cardholder at the site. */
public record HandOverCard(
        @TargetAggregateIdentifier UUID caseId,
        Instant handedOverAt) implements CaseFileCommand {

    public HandOverCard {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(handedOverAt, "handedOverAt");
    }
}
