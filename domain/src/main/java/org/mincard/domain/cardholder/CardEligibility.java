package org.mincard.domain.cardholder;

import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.TransitionNotAllowed;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which card a renewal, replacement or update may work on, and when: a renewal needs an active card inside its
 * renewal window; a replacement an active or reported-lost card, an update an active card, neither of them expired.
 * One rule for the intake desk (a case is refused when submitted) and for the cardholder (the card is refused when
 * produced), so the two cannot drift apart.
 */
public record CardEligibility(RenewalPolicy renewal) {

    public static final CardEligibility DEFAULT = new CardEligibility(RenewalPolicy.DEFAULT);

    public CardEligibility {
        Objects.requireNonNull(renewal, "renewal");
    }

    /** Whether a card may be the subject of a case; the first rule it breaks otherwise. */
    public enum Verdict {
        ELIGIBLE,
        /** The card's status does not allow this type of case (e.g. renewing a revoked card). */
        STATUS_NOT_ALLOWED,
        /** A renewal outside the renewal window, or of a card that never expires. */
        OUTSIDE_RENEWAL_WINDOW,
        /** A replacement or update of an expired card: that is a renewal. */
        EXPIRED
    }

    /** The statuses a card may have to be the subject of a case of this type; none for NEW cases. */
    public Set<CardStatus> allowedStatuses(CaseType type) {
        return switch (type) {
            case NEW -> EnumSet.noneOf(CardStatus.class);
            case RENEWAL, UPDATE -> EnumSet.of(CardStatus.ACTIVE);
            case REPLACEMENT -> EnumSet.of(CardStatus.ACTIVE, CardStatus.REPORTED_LOST);
        };
    }

    /** Whether a card with this status and expiry may be the subject of a case of this type on {@code on}. */
    public Verdict check(CaseType type, CardStatus status, LocalDate expiresOn, LocalDate on) {
        if (!type.needsExistingCard()) {
            throw new IllegalArgumentException("a NEW case works on no existing card");
        }
        if (!allowedStatuses(type).contains(status)) {
            return Verdict.STATUS_NOT_ALLOWED;
        }
        if (type == CaseType.RENEWAL) {
            return renewal.isOpen(expiresOn, on) ? Verdict.ELIGIBLE : Verdict.OUTSIDE_RENEWAL_WINDOW;
        }
        return expiresOn != null && on.isAfter(expiresOn) ? Verdict.EXPIRED : Verdict.ELIGIBLE;
    }

    /** Like {@link #check}, but throws the domain rejection that names the broken rule. */
    public void require(CaseType type, CardStatus status, LocalDate expiresOn, LocalDate on) {
        switch (check(type, status, expiresOn, on)) {
            case ELIGIBLE -> {
            }
            case STATUS_NOT_ALLOWED -> throw new TransitionNotAllowed("card", status, action(type));
            case OUTSIDE_RENEWAL_WINDOW -> throw new RenewalWindowClosed(status);
            case EXPIRED -> throw new CardExpired(status);
        }
    }

    /** The action a case of this type takes on its card, as rejections name it. */
    static String action(CaseType type) {
        return switch (type) {
            case NEW -> "produce";
            case RENEWAL -> "renew";
            case REPLACEMENT -> "replace";
            case UPDATE -> "update";
        };
    }
}
