/**
 * Tamper-evident logs and their reviews: hash chains and checkpoints, access-log and search-log review, the
 * third-party request register, the annual report. Other features write to the search log and feed the report here.
 */
@ApplicationModule(displayName = "oversight",
        allowedDependencies = {"config", "security", "vault", "web"})
package org.mincard.application.oversight;

import org.springframework.modulith.ApplicationModule;
