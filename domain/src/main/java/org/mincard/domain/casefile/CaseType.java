package org.mincard.domain.casefile;

/** What a case asks for: a first card, a renewal, a replacement, or a change to a card's data. */
public enum CaseType {
    NEW,
    RENEWAL,
    REPLACEMENT,
    UPDATE
}
