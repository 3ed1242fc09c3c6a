/**
 * Migration of a legacy system's cardholders: the CSV import (operations command), with the case aggregate's own
 * rules, sealing under per-person keys and batched appends through the storage engine.
 */
@ApplicationModule(displayName = "migration",
        allowedDependencies = {"casefile", "retention", "vault", "workqueue"})
package org.mincard.application.migration;

import org.springframework.modulith.ApplicationModule;
