package org.mincard.domain.shared;

/**
 * The actor may not see the case or card at all (another site's work). Answered exactly like a case that does not
 * exist, so that existence does not leak.
 */
public final class NotVisible extends RuntimeException {

    public NotVisible(String what) {
        super(what + " does not exist or is not visible to you.");
    }
}
