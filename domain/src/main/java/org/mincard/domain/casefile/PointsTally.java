package org.mincard.domain.casefile;

import java.util.Collection;

/**
 * The non-personal sum of a document review: points per category, and whether some document showed a photo and
 * some a date of birth. Which documents were shown stays sealed in the review.
 */
public record PointsTally(int identityPoints, int residencyPoints, boolean photoPresented,
                          boolean dateOfBirthPresented) {

    public PointsTally {
        if (identityPoints < 0 || residencyPoints < 0) {
            throw new IllegalArgumentException("points must not be negative");
        }
    }

    public static PointsTally of(Collection<DocumentType> documents) {
        int identity = 0;
        int residency = 0;
        boolean photo = false;
        boolean dateOfBirth = false;
        for (DocumentType document : documents) {
            if (document.category() == DocumentCategory.IDENTITY) {
                identity += document.points();
            } else {
                residency += document.points();
            }
            photo |= document.showsPhoto();
            dateOfBirth |= document.showsDateOfBirth();
        }
        return new PointsTally(identity, residency, photo, dateOfBirth);
    }

    public int total() {
        return identityPoints + residencyPoints;
    }
}
