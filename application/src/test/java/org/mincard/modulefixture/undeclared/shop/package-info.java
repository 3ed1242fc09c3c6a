/** Allowed to depend on nothing. */
@ApplicationModule(allowedDependencies = {})
package org.mincard.modulefixture.undeclared.shop;

import org.springframework.modulith.ApplicationModule;
