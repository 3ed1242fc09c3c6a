package org.mincard.domain.casefile;

import org.mincard.domain.shared.DomainRejection;

/** A denial can be appealed only until its appeal deadline. */
public final class AppealWindowClosed extends DomainRejection {

    public AppealWindowClosed(CaseState state) {
        super("The appeal window of this denial has closed.", state.name());
    }

    @Override
    public String code() {
        return "appeal-window-closed";
    }
}
