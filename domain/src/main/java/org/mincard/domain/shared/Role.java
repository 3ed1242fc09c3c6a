package org.mincard.domain.shared;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** What a user of mincard may do; one role per actor. */
public enum Role {
    /** Works cases at one or more service sites. */
    CLERK,
    /** Manages queues and clerks at some sites or all of them, approves escalations. */
    SUPERVISOR,
    /** Owns retention, legal holds and third-party data requests. */
    RECORDS_OFFICER,
    /** Read-only oversight; never sees personal data. */
    AUDITOR,
    /** Operates the service: replays, key rotation, actuator. */
    ADMIN,
    /**
     * The service itself: retention sweeps, scheduled jobs, imports (see {@link Actor#system}). Nobody signs in with
     * it and no endpoint allows it; it exists so that work nobody requested still names who did it.
     */
    SYSTEM;

    private static final Set<Role> STAFF = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(SYSTEM)));

    /** The roles people sign in with: every role but {@link #SYSTEM}. */
    public static Set<Role> staff() {
        return STAFF;
    }
}
