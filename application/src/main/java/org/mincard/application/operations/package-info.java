/**
 * Running the event processors: health (cluster-wide segments and lag, readiness during a replay), dead letters
 * (list, retry), replays of projections.
 */
@ApplicationModule(displayName = "operations",
        allowedDependencies = {"config", "security", "web"})
package org.mincard.application.operations;

import org.springframework.modulith.ApplicationModule;
