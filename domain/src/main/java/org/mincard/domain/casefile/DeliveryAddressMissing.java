package org.mincard.domain.casefile;

import org.mincard.domain.shared.DomainRejection;

/** A card can be mailed only to a delivery address given at submission or at mailing. */
public final class DeliveryAddressMissing extends DomainRejection {

    public DeliveryAddressMissing(CaseState state) {
        super("The case has no delivery address; give one to mail the card.", state.name());
    }

    @Override
    public String code() {
        return "delivery-address-missing";
    }
}
