package org.mincard.application.config;

/** A start refused because a secret key would sit beside the data it protects. Carries no key material. */
public class KeyCustodyRefused extends RuntimeException {

    private final String setting;
    private final String action;

    KeyCustodyRefused(String setting, String message, String action) {
        super(message, null, false, false);
        this.setting = setting;
        this.action = action;
    }

    /** The setting that must change, e.g. {@code mincard.blind-index.key}. */
    public String setting() {
        return setting;
    }

    public String action() {
        return action;
    }
}
