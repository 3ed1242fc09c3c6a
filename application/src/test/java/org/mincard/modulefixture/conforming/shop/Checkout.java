package org.mincard.modulefixture.conforming.shop;

import org.mincard.modulefixture.conforming.ledger.Ledger;

/** The same shop as the intruding fixture, going through the ledger's root instead. */
public class Checkout {

    public long total(Ledger ledger) {
        return ledger.balance();
    }
}
