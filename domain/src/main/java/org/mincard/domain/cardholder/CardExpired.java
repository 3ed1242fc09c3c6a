package org.mincard.domain.cardholder;

import org.mincard.domain.shared.DomainRejection;

/** An expired card is renewed, not replaced or updated. */
public final class CardExpired extends DomainRejection {

    public CardExpired(CardStatus status) {
        super("The card has expired; apply for a renewal instead.", status.name());
    }

    @Override
    public String code() {
        return "card-expired";
    }
}
