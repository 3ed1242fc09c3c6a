package org.mincard.domain.retention;

import org.mincard.domain.shared.DomainRejection;

/** A released hold cannot be released again (or changed): place a new one. */
public class LegalHoldAlreadyReleased extends DomainRejection {

    public LegalHoldAlreadyReleased() {
        super("The legal hold was already released", "RELEASED");
    }

    @Override
    public String code() {
        return "legal-hold-released";
    }
}
