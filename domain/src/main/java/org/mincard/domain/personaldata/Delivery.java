package org.mincard.domain.personaldata;

import java.util.Objects;

/** Where a mailed card goes: a mailing address, optionally care of a person or an organisation. */
public record Delivery(String careOf, String street, String unit, String city, String region, String postalCode)
        implements PersonalData {

    public Delivery {
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(postalCode, "postalCode");
    }

    @Override
    public DataClass dataClass() {
        return DataClass.DELIVERY;
    }

    @Override
    public String toString() {
        return "Delivery[redacted]";
    }
}
