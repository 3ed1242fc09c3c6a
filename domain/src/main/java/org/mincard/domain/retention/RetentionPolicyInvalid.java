package org.mincard.domain.retention;

/** The configured retention policy is refused at start-up; the message names the profile and the rule. */
public class RetentionPolicyInvalid extends RuntimeException {

    RetentionPolicyInvalid(String message) {
        super(message);
    }
}
