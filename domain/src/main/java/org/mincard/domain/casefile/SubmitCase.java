package org.mincard.domain.casefile;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.ReplacementReason;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Opens a case for an applicant at a service site; personal data arrives sealed for the cardholder. */
public record SubmitCase(
        @TargetAggregateIdentifier UUID caseId,
        CaseType type,
        UUID siteId,
        UUID cardholderId,
        AgeBand ageBand,
        SealedValue cardRecord,
        SealedValue contact,
        SealedValue delivery,
        UUID previousCardId,
        ReplacementReason replacementReason,
        Instant submittedAt) implements CaseFileCommand {

    public SubmitCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(cardholderId, "cardholderId");
        Objects.requireNonNull(ageBand, "ageBand");
        Objects.requireNonNull(cardRecord, "cardRecord");
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (type.needsExistingCard() != (previousCardId != null)) {
            throw new IllegalArgumentException("a " + type + " case " + (type.needsExistingCard()
                    ? "needs the card it works on" : "must not name an existing card"));
        }
        if (!ReplacementReason.fits(type, replacementReason)) {
            throw new IllegalArgumentException("a replacement reason is given exactly for REPLACEMENT cases");
        }
    }
}
