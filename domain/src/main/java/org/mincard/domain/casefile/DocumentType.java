package org.mincard.domain.casefile;

import java.util.Objects;

/**
 * One entry of the document points table: a document type code, what it proves, its points, and whether it
 * shows a photo or a date of birth. The table is configuration; only codes and points are ever recorded.
 */
public record DocumentType(String code, DocumentCategory category, int points, boolean showsPhoto,
                           boolean showsDateOfBirth) {

    public DocumentType {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(category, "category");
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
    }
}
