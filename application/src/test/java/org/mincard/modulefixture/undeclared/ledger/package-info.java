/** A module with a public root ({@code Ledger}) and an internal sub-package ({@code entries}). */
@ApplicationModule(allowedDependencies = {})
package org.mincard.modulefixture.undeclared.ledger;

import org.springframework.modulith.ApplicationModule;
