package org.mincard.application.security;

import org.mincard.domain.shared.Actor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs work of the service's own code as a given actor, so that its commands carry that actor (and every rule that
 * checks one applies). Only code can call it; nothing reachable over HTTP does. The demo city uses it to act as the
 * demo staff in the embedded demo (docs/console.md).
 */
public final class ActingAs {

    private ActingAs() {
    }

    public static <T> T actor(Actor actor, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ActorAuthentication(actor));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static final class ActorAuthentication extends AbstractAuthenticationToken implements ActorBearing {

        private final transient Actor actor;

        ActorAuthentication(Actor actor) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
            this.actor = actor;
            setAuthenticated(true);
        }

        @Override
        public Actor actor() {
            return actor;
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return actor.userId();
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
