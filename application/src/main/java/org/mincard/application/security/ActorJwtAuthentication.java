package org.mincard.application.security;

import org.mincard.domain.shared.Actor;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/** A validated token and the actor it names. */
final class ActorJwtAuthentication extends JwtAuthenticationToken implements ActorBearing {

    private final transient Actor actor;

    ActorJwtAuthentication(Jwt jwt, Actor actor) {
        super(jwt, List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())), actor.userId());
        this.actor = actor;
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActorJwtAuthentication that && super.equals(that) && actor.equals(that.actor);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + actor.hashCode();
    }
}
