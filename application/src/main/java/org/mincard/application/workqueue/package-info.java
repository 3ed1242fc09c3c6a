/**
 * Work queues, assignment and the dashboard over the work-queue read model, and the name index for searches by name.
 */
@ApplicationModule(displayName = "workqueue",
        allowedDependencies = {"card", "directory", "oversight", "retention", "security", "vault", "web"})
package org.mincard.application.workqueue;

import org.springframework.modulith.ApplicationModule;
