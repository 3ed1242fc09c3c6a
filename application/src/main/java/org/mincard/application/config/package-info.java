/**
 * Base wiring: Axon (JDBC event store, serializers, processors) and the embedded PostgreSQL. Depends on no feature;
 * its public types other features use are {@link org.mincard.application.config.EmbeddedPostgresEnvironment}, and
 * the key custody ({@link org.mincard.application.config.SecretSetting}, {@link org.mincard.application.config.KeyCustodyGuard}),
 * processor progress and the segments shared across nodes ({@link org.mincard.application.config.ProcessorProgress},
 * {@link org.mincard.application.config.ProcessorCluster}, {@link org.mincard.application.config.ProcessorsProperties}).
 */
@ApplicationModule(displayName = "config",
        allowedDependencies = {})
package org.mincard.application.config;

import org.springframework.modulith.ApplicationModule;
