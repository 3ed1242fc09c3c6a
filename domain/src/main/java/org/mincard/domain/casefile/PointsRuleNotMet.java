package org.mincard.domain.casefile;

import org.mincard.domain.shared.DomainRejection;

/** Approval needs a document review that meets the points rule. */
public final class PointsRuleNotMet extends DomainRejection {

    public PointsRuleNotMet(CaseState state) {
        super("The case has no document review that meets the points rule; it cannot be approved.", state.name());
    }

    @Override
    public String code() {
        return "points-rule-not-met";
    }
}
