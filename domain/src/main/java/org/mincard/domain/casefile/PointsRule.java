package org.mincard.domain.casefile;

/**
 * The document rule a case must meet before approval. Defaults follow New York: at least 4 points, of which at
 * least 3 for identity and 1 for residency, one document with a photo and one with a date of birth.
 */
public record PointsRule(int minimumTotal, int minimumIdentity, int minimumResidency, boolean photoRequired,
                         boolean dateOfBirthRequired) {

    public static final PointsRule DEFAULT = new PointsRule(4, 3, 1, true, true);

    public PointsRule {
        if (minimumTotal < 0 || minimumIdentity < 0 || minimumResidency < 0) {
            throw new IllegalArgumentException("minimum points must not be negative");
        }
    }

    public boolean isMetBy(PointsTally tally) {
        return tally.total() >= minimumTotal
                && tally.identityPoints() >= minimumIdentity
                && tally.residencyPoints() >= minimumResidency
                && (!photoRequired || tally.photoPresented())
                && (!dateOfBirthRequired || tally.dateOfBirthPresented());
    }
}
