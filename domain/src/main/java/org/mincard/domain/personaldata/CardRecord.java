package org.mincard.domain.personaldata;

import java.time.LocalDate;
import java.util.Objects;

/** What is printed on the card: legal name, date of birth, and a self-designated gender marker if printed. */
public record CardRecord(String legalName, LocalDate dateOfBirth, String genderMarker) implements PersonalData {

    public CardRecord {
        Objects.requireNonNull(legalName, "legalName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
    }

    @Override
    public DataClass dataClass() {
        return DataClass.CARD_RECORD;
    }

    @Override
    public String toString() {
        return "CardRecord[redacted]";
    }
}
