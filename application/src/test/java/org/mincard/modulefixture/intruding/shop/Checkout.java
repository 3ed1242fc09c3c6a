package org.mincard.modulefixture.intruding.shop;

import org.mincard.modulefixture.intruding.ledger.entries.Entries;

/** The deliberate violation: reaches past the ledger's root into its internals. */
public class Checkout {

    public long total(Entries entries) {
        return entries.sum();
    }
}
