package org.mincard.application.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** How callers prove who they are; exactly one is active, chosen by {@code mincard.security.mode}. */
interface AuthenticationMechanism {

    void configure(HttpSecurity http) throws Exception;

    /**
     * How people sign in to the console's filter chain (docs/console.md): a login form for demo users, OpenID
     * Connect (authorization code with PKCE) when a provider is registered. The session then carries the actor, so
     * a password is checked once per login, not per page.
     */
    void configureConsole(HttpSecurity http) throws Exception;

    /** The entry point and access-denied handler of this mechanism. */
    SecurityProblems problems();
}
