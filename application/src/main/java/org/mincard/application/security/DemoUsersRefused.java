package org.mincard.application.security;

/** Start-up refused: demo users must not guard a real deployment. */
public class DemoUsersRefused extends IllegalStateException {

    private final String action;

    DemoUsersRefused(String reason, String action) {
        super(reason);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
