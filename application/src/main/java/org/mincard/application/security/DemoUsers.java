package org.mincard.application.security;

import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The built-in users of the embedded demo: one per role, and two sites so that site scoping can be tried out.
 * Ids are fixed and documented (docs/security.md) so that demo data and scripts can name them.
 */
final class DemoUsers {

    static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    static final UUID SITE_B = UUID.fromString("b0000000-0000-4000-8000-00000000000b");

    private DemoUsers() {
    }

    /** User name to actor, in a stable order. */
    static Map<String, Actor> builtIn() {
        Map<String, Actor> users = new LinkedHashMap<>();
        users.put("clerk-a", Actors.of(userId(1), Role.CLERK, Set.of(SITE_A), false));
        users.put("clerk-b", Actors.of(userId(2), Role.CLERK, Set.of(SITE_B), false));
        users.put("supervisor", Actors.of(userId(3), Role.SUPERVISOR, Set.of(SITE_A, SITE_B), false));
        users.put("records-officer", Actors.of(userId(4), Role.RECORDS_OFFICER, Set.of(), false));
        users.put("auditor", Actors.of(userId(5), Role.AUDITOR, Set.of(), false));
        users.put("admin", Actors.of(userId(6), Role.ADMIN, Set.of(), false));
        return users;
    }

    /** How the console names a demo user: "Clerk A (clerk-a)", or the login of a further configured user. */
    static String displayName(String login) {
        return switch (login) {
            case "clerk-a" -> "Clerk A (clerk-a)";
            case "clerk-b" -> "Clerk B (clerk-b)";
            case "supervisor" -> "Supervisor (supervisor)";
            case "records-officer" -> "Records officer (records-officer)";
            case "auditor" -> "Auditor (auditor)";
            case "admin" -> "Administrator (admin)";
            default -> login;
        };
    }

    private static String userId(int n) {
        return "d0000000-0000-4000-8000-00000000000" + n;
    }
}
