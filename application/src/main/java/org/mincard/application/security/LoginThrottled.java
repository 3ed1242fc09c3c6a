package org.mincard.application.security;

import org.springframework.security.authentication.LockedException;

import java.time.Duration;

/**
 * A demo login refused because its user name had too many wrong passwords lately (answered 429). A
 * {@link LockedException}, so that Spring's provider manager stops here instead of asking another provider.
 */
final class LoginThrottled extends LockedException {

    private final transient Duration retryAfter;

    LoginThrottled(Duration retryAfter) {
        super("too many failed logins");
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
