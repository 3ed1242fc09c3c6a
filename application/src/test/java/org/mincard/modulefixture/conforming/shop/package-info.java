/** Allowed to use the ledger, and uses only its root. */
@ApplicationModule(allowedDependencies = "ledger")
package org.mincard.modulefixture.conforming.shop;

import org.springframework.modulith.ApplicationModule;
