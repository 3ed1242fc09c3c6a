package org.mincard.application.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.time.Duration;
import java.util.Optional;

/** Demo logins through {@link LoginThrottle}: a locked name is refused before its password is even checked. */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginThrottle throttle;

    ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        Optional<Duration> locked = throttle.lockedFor(name);
        if (locked.isPresent()) {
            throw new LoginThrottled(locked.get());
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(name);
            return result;
        } catch (BadCredentialsException wrong) {
            throttle.failed(name);
            throw wrong;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
