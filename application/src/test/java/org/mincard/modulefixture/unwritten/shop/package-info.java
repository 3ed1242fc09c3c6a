/** Depends on nothing, and says so. */
@ApplicationModule(allowedDependencies = {})
package org.mincard.modulefixture.unwritten.shop;

import org.springframework.modulith.ApplicationModule;
