package org.mincard.application.vault;

import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Arrays;
import java.util.Set;

/**
 * Reads the actor from Spring Security: the user id is the authentication's name, the role the single
 * {@code ROLE_<Role>} authority. Sites are not known to this provider, so its actors work at no site; the security
 * work supplies an {@link ActorProvider} that knows them.
 */
class SecurityContextActorProvider implements ActorProvider {

    @Override
    public Actor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated actor");
        }
        Role role = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .filter(name -> Arrays.stream(Role.values()).anyMatch(r -> r.name().equals(name)))
                .map(Role::valueOf)
                .findFirst()
                .orElseThrow(() -> new AuthenticationCredentialsNotFoundException("the actor has no mincard role"));
        return new Actor(authentication.getName(), role, Set.of(), false);
    }
}
