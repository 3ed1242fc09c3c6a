/**
 * Running the event processors: health, dead letters (list, retry), replays of projections.
 */
@ApplicationModule(displayName = "operations",
        allowedDependencies = {"security", "web"})
package org.mincard.application.operations;

import org.springframework.modulith.ApplicationModule;
