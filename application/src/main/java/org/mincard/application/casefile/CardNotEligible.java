package org.mincard.application.casefile;

import org.mincard.application.web.ProblemException;
import org.mincard.domain.cardholder.CardStatus;
import org.mincard.domain.shared.CaseType;

import java.net.URI;
import java.util.Map;

/** A renewal, replacement or update names a card that cannot be its subject now; nothing is stored. */
final class CardNotEligible extends ProblemException {

    private static final URI TYPE = URI.create("urn:mincard:problem:card-not-eligible");

    CardNotEligible(CaseType type, CardStatus status) {
        super(Kind.CONFLICT, TYPE, "Card not eligible",
                "The card cannot be the subject of a " + type + " case now (status " + status
                        + (type == CaseType.RENEWAL ? ", or outside its renewal window" : "") + ").",
                Map.of("code", "card-not-eligible", "currentState", status.name()));
    }
}
