package org.mincard.domain.shared;

/** What a case asks for: a first card, a renewal, a replacement, or a change to a card's printed data. */
public enum CaseType {
    NEW,
    RENEWAL,
    REPLACEMENT,
    UPDATE;

    /** Every type but NEW works on an existing card. */
    public boolean needsExistingCard() {
        return this != NEW;
    }
}
