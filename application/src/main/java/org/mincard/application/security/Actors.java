package org.mincard.application.security;

import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;

import java.util.Set;
import java.util.UUID;

/**
 * The one place that turns an authenticated identity into an {@link Actor}, for demo users and tokens alike, so both
 * modes obey the same scope rules: clerks work at named sites only; records officers, auditors and admins act for
 * the whole city; supervisors have named sites or, when granted, all of them. Nobody signs in as
 * {@link Role#SYSTEM}, and no user id may take the system actor's prefix ({@link Actor#SYSTEM_PREFIX}).
 */
final class Actors {

    private Actors() {
    }

    static Actor of(String userId, Role role, Set<UUID> sites, boolean allSitesGranted) {
        return switch (role) {
            case CLERK -> {
                if (allSitesGranted) {
                    throw new IllegalArgumentException("a clerk works at named sites, never at all sites");
                }
                yield new Actor(userId, role, sites, false);
            }
            case SUPERVISOR -> new Actor(userId, role, allSitesGranted ? Set.of() : sites, allSitesGranted);
            case RECORDS_OFFICER, AUDITOR, ADMIN -> new Actor(userId, role, Set.of(), true);
            // The system actor is for work nobody requested; no identity, demo user or token, may become it.
            case SYSTEM -> throw new IllegalArgumentException("nobody signs in as the system actor");
        };
    }
}
