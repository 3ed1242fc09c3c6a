package org.mincard.domain.shared;

/** What a user of mincard may do; one role per authenticated actor. */
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
    ADMIN
}
