package org.mincard.modulefixture.unwritten.shop;

/** A shop that needs no other module. */
public class Checkout {

    public long total() {
        return 0;
    }
}
