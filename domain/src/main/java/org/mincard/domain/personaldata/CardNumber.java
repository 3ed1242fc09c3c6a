package org.mincard.domain.personaldata;

import java.util.Objects;

/**
 * The number printed on a card: part of the card record, so it is sealed and purged with the rest of it. Sixteen
 * digits, random (never derived from personal data), the last a Luhn check digit.
 */
public record CardNumber(String value) implements PersonalData {

    public CardNumber {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a card number has 16 digits and a valid check digit");
        }
    }

    /** True for 16 digits whose last digit is the Luhn check digit of the first 15. */
    public static boolean isWellFormed(String candidate) {
        if (candidate == null || candidate.length() != 16 || !candidate.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return checkDigit(candidate.substring(0, 15)) == candidate.charAt(15) - '0';
    }

    /** The Luhn check digit for a payload of digits. */
    public static int checkDigit(String payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public DataClass dataClass() {
        return DataClass.CARD_RECORD;
    }

    @Override
    public String toString() {
        return "CardNumber[redacted]";
    }
}
