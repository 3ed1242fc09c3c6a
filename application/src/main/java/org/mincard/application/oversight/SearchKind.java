package org.mincard.application.oversight;

/** What a logged search looked for. A search by case id is not logged: a case id is not personal data. */
public enum SearchKind {
    NAME,
    CARD_NUMBER
}
