package org.mincard.domain.cardholder;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * When a card may be renewed and when it lapses. Defaults: renewal opens 60 days before expiry and closes six
 * months after; an expired card lapses when its six-month grace period ends.
 */
public record RenewalPolicy(Period opensBeforeExpiry, Period closesAfterExpiry, Period gracePeriod) {

    public static final RenewalPolicy DEFAULT =
            new RenewalPolicy(Period.ofDays(60), Period.ofMonths(6), Period.ofMonths(6));

    public RenewalPolicy {
        Objects.requireNonNull(opensBeforeExpiry, "opensBeforeExpiry");
        Objects.requireNonNull(closesAfterExpiry, "closesAfterExpiry");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
    }

    /** True when a card expiring on {@code expiresOn} may be renewed on {@code on}; never for a card without expiry. */
    public boolean isOpen(LocalDate expiresOn, LocalDate on) {
        return expiresOn != null
                && !on.isBefore(expiresOn.minus(opensBeforeExpiry))
                && !on.isAfter(expiresOn.plus(closesAfterExpiry));
    }

    /** The first day on which a card expiring on {@code expiresOn} has lapsed, or null when it never expires. */
    public LocalDate lapsesOn(LocalDate expiresOn) {
        return expiresOn == null ? null : expiresOn.plus(gracePeriod).plusDays(1);
    }
}
