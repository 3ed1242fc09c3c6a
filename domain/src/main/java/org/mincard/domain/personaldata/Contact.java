package org.mincard.domain.personaldata;

/** How to reach an applicant about an appointment or a pickup; at least one of the two is present. */
public record Contact(String phone, String email) implements PersonalData {

    public Contact {
        if (phone == null && email == null) {
            throw new IllegalArgumentException("a contact needs a phone or an e-mail");
        }
    }

    @Override
    public DataClass dataClass() {
        return DataClass.CONTACT;
    }

    @Override
    public String toString() {
        return "Contact[redacted]";
    }
}
