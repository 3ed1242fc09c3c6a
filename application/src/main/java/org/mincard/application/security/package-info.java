/**
 * Who the caller is and what the URL table lets them do: authentication (demo users or JWTs), the authorization
 * rules, the actor on every command, site scope.
 */
@ApplicationModule(displayName = "security",
        allowedDependencies = {"config", "directory", "web"})
package org.mincard.application.security;

import org.springframework.modulith.ApplicationModule;
