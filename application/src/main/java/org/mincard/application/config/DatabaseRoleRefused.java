package org.mincard.application.config;

/** A start refused because the service's database role could change the append-only audit tables. */
public class DatabaseRoleRefused extends RuntimeException {

    private final String action;

    DatabaseRoleRefused(String message, String action) {
        super(message, null, false, false);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
