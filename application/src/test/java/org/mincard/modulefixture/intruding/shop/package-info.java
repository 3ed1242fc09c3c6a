/** Allowed to use the ledger, but only through its root. */
@ApplicationModule(allowedDependencies = "ledger")
package org.mincard.modulefixture.intruding.shop;

import org.springframework.modulith.ApplicationModule;
