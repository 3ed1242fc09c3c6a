package org.mincard.domain.casefile;

import org.mincard.domain.shared.DomainRejection;

/** A sealed value was not sealed for this case's data subject and data class; it must not enter the case. */
public final class SealedValueMismatch extends DomainRejection {

    public SealedValueMismatch(String field, String state) {
        super("The sealed value in '" + field + "' does not belong to this case's cardholder or data class.", state);
    }

    @Override
    public String code() {
        return "sealed-value-mismatch";
    }
}
