package org.mincard.application.security;

import org.mincard.domain.shared.Actor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** A demo user: the user name is only a login; the actor carries an opaque id. */
record DemoUserDetails(String username, String passwordHash, Actor actor) implements UserDetails, ActorBearing {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String toString() {
        return "DemoUserDetails[" + username + ", " + actor.role() + "]";
    }
}
