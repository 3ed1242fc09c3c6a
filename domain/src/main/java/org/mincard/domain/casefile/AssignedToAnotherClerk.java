package org.mincard.domain.casefile;

import org.mincard.domain.shared.DomainRejection;

/** A clerk acts only on cases that are unassigned or assigned to them; a supervisor may reassign the case. */
public final class AssignedToAnotherClerk extends DomainRejection {

    public AssignedToAnotherClerk(CaseState state) {
        super("The case is assigned to another clerk; ask a supervisor to reassign it.", state.name());
    }

    @Override
    public String code() {
        return "assigned-to-another-clerk";
    }
}
