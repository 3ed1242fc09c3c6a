package org.mincard.modulefixture.undeclared.ledger;

import org.mincard.modulefixture.undeclared.ledger.entries.Entries;

/** The ledger's API. */
public class Ledger {

    private final Entries entries = new Entries();

    public long balance() {
        return entries.sum();
    }
}
