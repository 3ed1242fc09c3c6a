package org.mincard.modulefixture.undeclared.ledger.entries;

/** Public for the ledger's root package, but internal to the ledger module. */
public class Entries {

    public long sum() {
        return 0;
    }
}
