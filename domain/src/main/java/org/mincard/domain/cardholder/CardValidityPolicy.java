package org.mincard.domain.cardholder;

import org.mincard.domain.shared.AgeBand;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * How long a card is valid, by the holder's age band. Defaults (Chicago/New York style): under 14, two years;
 * 14 to 64, five years; 65 and over, no expiry ({@code seniorValidity} null).
 */
public record CardValidityPolicy(int adultFromAge, int seniorFromAge, Period childValidity, Period adultValidity,
                                 Period seniorValidity) {

    public static final CardValidityPolicy DEFAULT =
            new CardValidityPolicy(14, 65, Period.ofYears(2), Period.ofYears(5), null);

    public CardValidityPolicy {
        Objects.requireNonNull(childValidity, "childValidity");
        Objects.requireNonNull(adultValidity, "adultValidity");
        if (adultFromAge <= 0 || seniorFromAge <= adultFromAge) {
            throw new IllegalArgumentException("age bands must satisfy 0 < adultFromAge < seniorFromAge");
        }
    }

    /** The age band of someone born on {@code dateOfBirth}, on {@code on}. */
    public AgeBand ageBand(LocalDate dateOfBirth, LocalDate on) {
        int age = Period.between(dateOfBirth, on).getYears();
        return age < adultFromAge ? AgeBand.CHILD : age < seniorFromAge ? AgeBand.ADULT : AgeBand.SENIOR;
    }

    /** The expiry date of a card issued on {@code issuedOn}, or {@code null} when it does not expire. */
    public LocalDate expiresOn(AgeBand ageBand, LocalDate issuedOn) {
        Period validity = switch (ageBand) {
            case CHILD -> childValidity;
            case ADULT -> adultValidity;
            case SENIOR -> seniorValidity;
        };
        return validity == null ? null : issuedOn.plus(validity);
    }
}
