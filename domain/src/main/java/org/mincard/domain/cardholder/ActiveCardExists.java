package org.mincard.domain.cardholder;

import org.mincard.domain.shared.DomainRejection;

/** A cardholder has at most one active card. */
public final class ActiveCardExists extends DomainRejection {

    public ActiveCardExists() {
        super("The cardholder already has an active card.", CardStatus.ACTIVE.name());
    }

    @Override
    public String code() {
        return "active-card-exists";
    }
}
