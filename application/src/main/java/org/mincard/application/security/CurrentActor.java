package org.mincard.application.security;

import org.mincard.domain.shared.Actor;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The actor of the current request, whichever way it authenticated (demo user or JWT). Controllers call
 * {@link #get()}; code that may also run without a caller (schedulers, event handlers) calls {@link #find()}.
 */
@Component
public class CurrentActor {

    public Actor get() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("no authenticated actor"));
    }

    public Optional<Actor> find() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Optional<Actor> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication instanceof ActorBearing bearing) {
            return Optional.of(bearing.actor());
        }
        if (authentication.getPrincipal() instanceof ActorBearing bearing) {
            return Optional.of(bearing.actor());
        }
        return Optional.empty();
    }
}
