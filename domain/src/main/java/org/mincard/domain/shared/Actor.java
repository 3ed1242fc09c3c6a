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
}
