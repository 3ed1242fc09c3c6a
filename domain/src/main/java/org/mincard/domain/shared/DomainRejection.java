package org.mincard.domain.shared;

/**
 * A command the domain refuses: nothing is applied. The message names the rule and the current state, never
 * personal data, because it is shown to the caller and may be logged.
 */
public abstract class DomainRejection extends RuntimeException {

    private final String currentState;

    protected DomainRejection(String message, String currentState) {
        super(message);
        this.currentState = currentState;
    }

    /** The state of the case or card when the command was refused. */
    public String currentState() {
        return currentState;
    }

    /** A stable, machine-readable name for the rule that refused the command. */
    public abstract String code();
}
