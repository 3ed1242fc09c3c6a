/**
 * Retention: the active policy, sweeps that destroy keys and tell other features to forget (purge listeners),
 * legal holds, signed purge manifests, the compliance check.
 */
@ApplicationModule(displayName = "retention",
        allowedDependencies = {"config", "oversight", "security", "vault", "web"})
package org.mincard.application.retention;

import org.springframework.modulith.ApplicationModule;
