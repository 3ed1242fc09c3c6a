/**
 * The HTTP edge every feature shares: problem+json answers, request limits, CSV. Depends on no feature, so every
 * feature may use it without a cycle.
 */
@ApplicationModule(displayName = "web",
        allowedDependencies = {})
package org.mincard.application.web;

import org.springframework.modulith.ApplicationModule;
