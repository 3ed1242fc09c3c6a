package org.mincard.modulefixture.undeclared.shop;

import org.mincard.modulefixture.undeclared.ledger.Ledger;

/** The deliberate violation: uses the ledger's root although its module does not allow the ledger. */
public class Checkout {

    public long total(Ledger ledger) {
        return ledger.balance();
    }
}
