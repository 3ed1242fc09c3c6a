package org.mincard.domain.shared;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who acts: an opaque user id from the identity provider (never a name), a role, and the sites the actor works at.
 * {@code allSites} is for supervisors and officers whose scope is the whole city.
 */
public record Actor(String userId, Role role, Set<UUID> siteIds, boolean allSites) {

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        siteIds = Set.copyOf(Objects.requireNonNull(siteIds, "siteIds"));
    }

    public boolean worksAt(UUID siteId) {
        return allSites || siteIds.contains(siteId);
    }

    /** True when the actor's role works site by site (clerks and supervisors). */
    public boolean isSiteScoped() {
        return role == Role.CLERK || role == Role.SUPERVISOR;
    }

    /** True when the actor may see cases of the site: city-wide roles always, site-scoped roles at their sites. */
    public boolean canSee(UUID siteId) {
        return !isSiteScoped() || worksAt(siteId);
    }
}
