package org.mincard.domain.casefile;

/** What a document proves in the points system. */
public enum DocumentCategory {
    IDENTITY,
    RESIDENCY
}
