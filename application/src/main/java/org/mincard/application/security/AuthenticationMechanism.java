package org.mincard.application.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** How callers prove who they are; exactly one is active, chosen by {@code mincard.security.mode}. */
interface AuthenticationMechanism {

    void configure(HttpSecurity http) throws Exception;

    /** The entry point and access-denied handler of this mechanism. */
    SecurityProblems problems();
}
