package org.mincard.application.security;

import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the actor from a validated token: user id, exactly one mincard role, and sites, from configurable claims.
 *
 * <p>A role comes only from a value listed in {@code role-values} (or, when {@code accept-role-names} is set, a
 * bare role name). A token that does not name exactly one known role, or whose sites are not UUIDs, or that gives a clerk all
 * sites, is rejected as invalid (401), not answered with 403: it does not identify a mincard actor at all, and a
 * 403 would tell its bearer that the token is otherwise fine. The answer never repeats claim values.
 */
final class TokenActors implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecuritySettings.Jwt settings;

    TokenActors(SecuritySettings.Jwt settings) {
        this.settings = settings;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new ActorJwtAuthentication(jwt, actor(jwt));
    }

    Actor actor(Jwt jwt) {
        return actor(jwt.getClaims());
    }

    /** The actor named by these claims: an access token's, or an ID token's at console sign-in. */
    Actor actor(Map<String, Object> claims) {
        Object userIdClaim = claims.get(settings.userIdClaim());
        String userId = userIdClaim == null ? null : userIdClaim.toString();
        if (userId == null || userId.isBlank()) {
            throw invalid("the token has no user id claim");
        }
        Role role = role(values(claim(claims, settings.roleClaim())));
        Set<UUID> sites = new HashSet<>();
        boolean allSites = false;
        for (String value : values(claim(claims, settings.siteClaim()))) {
            if (value.equals(settings.allSitesValue())) {
                allSites = true;
            } else {
                try {
                    sites.add(UUID.fromString(value));
                } catch (IllegalArgumentException notUuid) {
                    throw invalid("the token's site claim holds a value that is not a site id");
                }
            }
        }
        try {
            return Actors.of(userId, role, sites, allSites);
        } catch (IllegalArgumentException scope) {
            throw invalid("the token's sites do not fit its role");
        }
    }

    private Role role(List<String> values) {
        Set<Role> roles = new HashSet<>();
        for (String value : values) {
            // Only listed values: a group called "admin" in another application of the city is not mincard's ADMIN.
            Role mapped = settings.roleValues().get(value);
            if (mapped == null && settings.acceptRoleNames()) {
                mapped = byName(value);
            }
            if (mapped != null) {
                roles.add(mapped);
            }
        }
        if (roles.isEmpty()) {
            throw invalid("the token names no mincard role");
        }
        if (roles.size() > 1) {
            // One role per actor: an actor with two would make every access record ambiguous.
            throw invalid("the token names more than one mincard role");
        }
        return roles.iterator().next();
    }

    private static Role byName(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role role : Role.staff()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        return null;
    }

    /** A claim by path; {@code realm_access.roles} descends into nested objects. A top-level name wins. */
    private static Object claim(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static List<String> values(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        // Some identity providers send one role as a string, or several separated by spaces (like "scope").
        return Arrays.stream(String.valueOf(claim).trim().split("[\\s,]+"))
                .filter(value -> !value.isEmpty()).toList();
    }

    private static InvalidBearerTokenException invalid(String reason) {
        return new InvalidBearerTokenException(reason);
    }
}
