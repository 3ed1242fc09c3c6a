package org.mincard.domain.shared;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who acts: an opaque user id from the identity provider (never a name), a role, and the sites the actor works at.
 * {@code allSites} is for supervisors and officers whose scope is the whole city. Work nobody requested (a sweep, a
 * scheduled job, an import) acts as {@link #system the system actor}; every command names an actor.
 */
public record Actor(String userId, Role role, Set<UUID> siteIds, boolean allSites) {

    /** The user-id prefix reserved for the system actor; no person's id may start with it. */
    public static final String SYSTEM_PREFIX = "system:";

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        siteIds = Set.copyOf(Objects.requireNonNull(siteIds, "siteIds"));
        if ((role == Role.SYSTEM) != userId.startsWith(SYSTEM_PREFIX)) {
            throw new IllegalArgumentException("only the system actor has a user id starting with " + SYSTEM_PREFIX);
        }
        if (role == Role.SYSTEM && !allSites) {
            throw new IllegalArgumentException("the system actor works for the whole city");
        }
    }

    /**
     * The system actor for one kind of job, e.g. {@code system("retention-sweep")}: role {@link Role#SYSTEM}, every
     * site. Its user id names the job, so the audit trail says which job acted.
     */
    public static Actor system(String job) {
        if (job == null || job.isBlank() || !job.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a system job is named in lower-case words joined by hyphens");
        }
        return new Actor(SYSTEM_PREFIX + job, Role.SYSTEM, Set.of(), true);
    }

    public boolean isSystem() {
        return role == Role.SYSTEM;
    }

    /**
     * Refuses the action unless the actor has one of {@code roles}: the domain's own copy of the URL table's role
     * rule, so a command that bypasses the API is held to it as well.
     *
     * @param what  completes "Your role may not ...", e.g. "revoke a card"
     * @param state the state of the case or card the action was refused in, or null
     */
    public void requireRole(String what, Enum<?> state, Role... roles) {
        for (Role allowed : roles) {
            if (role == allowed) {
                return;
            }
        }
        throw new PermissionDenied("Your role may not " + what + ".", state);
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
