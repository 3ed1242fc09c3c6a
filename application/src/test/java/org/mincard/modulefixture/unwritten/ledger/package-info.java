/** A module that leaves its allowed dependencies unwritten (Spring Modulith would then allow everything). */
package org.mincard.modulefixture.unwritten.ledger;
