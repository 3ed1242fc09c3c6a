package org.mincard.domain.shared;

/** The action is not allowed from the current state of the case or card. */
public final class TransitionNotAllowed extends DomainRejection {

    private final String action;

    public TransitionNotAllowed(String subject, Enum<?> state, String action) {
        super("The " + subject + " is " + state.name() + "; '" + action + "' is not allowed from that state.",
                state.name());
        this.action = action;
    }

    public String action() {
        return action;
    }

    @Override
    public String code() {
        return "transition-not-allowed";
    }
}
