package org.mincard.modulefixture.intruding.ledger;

import org.mincard.modulefixture.intruding.ledger.entries.Entries;

/** The ledger's API. */
public class Ledger {

    private final Entries entries = new Entries();

    public long balance() {
        return entries.sum();
    }
}
