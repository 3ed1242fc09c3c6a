/**
 * Base wiring: Axon (JDBC event store, serializers, processors) and the embedded PostgreSQL. Depends on no feature;
 * its one public type other features use is {@link org.mincard.application.config.EmbeddedPostgresEnvironment}.
 */
@ApplicationModule(displayName = "config",
        allowedDependencies = {})
package org.mincard.application.config;

import org.springframework.modulith.ApplicationModule;
