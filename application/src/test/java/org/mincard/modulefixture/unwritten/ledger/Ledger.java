package org.mincard.modulefixture.unwritten.ledger;

/** The ledger's API. */
public class Ledger {

    public long balance() {
        return 0;
    }
}
