package org.mincard.domain.request;

import org.mincard.domain.shared.DomainRejection;

/** A decision, notification or answer cannot predate the request's receipt. */
public final class DateBeforeReceipt extends DomainRejection {

    public DateBeforeReceipt(String field, DataRequestState state) {
        super(field + " must not be before the request was received.", state.name());
    }

    @Override
    public String code() {
        return "date-before-receipt";
    }
}
