package org.mincard.modulefixture.conforming.ledger;

import org.mincard.modulefixture.conforming.ledger.entries.Entries;

/** The ledger's API. */
public class Ledger {

    private final Entries entries = new Entries();

    public long balance() {
        return entries.sum();
    }
}
