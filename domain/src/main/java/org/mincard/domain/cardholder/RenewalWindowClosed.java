package org.mincard.domain.cardholder;

import org.mincard.domain.shared.DomainRejection;

/** A card can be renewed only inside its renewal window; a card without expiry never needs renewal. */
public final class RenewalWindowClosed extends DomainRejection {

    public RenewalWindowClosed(CardStatus status) {
        super("The card is outside its renewal window.", status.name());
    }

    @Override
    public String code() {
        return "renewal-window-closed";
    }
}
