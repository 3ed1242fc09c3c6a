package org.mincard.domain.shared;

/** The actor's role or site does not allow this action on this case or card. */
public final class PermissionDenied extends DomainRejection {

    public PermissionDenied(String message, Enum<?> state) {
        super(message, state == null ? null : state.name());
    }

    @Override
    public String code() {
        return "permission-denied";
    }
}
