package org.mincard.application.console;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.mincard.application.retries.FormRetries;
import org.mincard.application.web.Outages;
import org.mincard.application.web.ProblemException;
import org.mincard.domain.shared.DomainRejection;
import org.mincard.domain.shared.NotVisible;

import java.util.Locale;

/**
 * Why an action was refused, in words a clerk can act on. Only rule codes and fixed texts: never an exception
 * message, which could carry a value.
 */
final class ConsoleProblems {

    /** The case moved on since the screen was drawn: acting on what the clerk saw could be wrong. */
    static final String STALE = "Not done: the case changed since this page was shown (someone acted on it). "
            + "Reload the case and decide again.";

    private ConsoleProblems() {
    }

    static String describe(Throwable refused) {
        Throwable cause = refused;
        if (refused instanceof CommandExecutionException execution && execution.getCause() != null) {
            cause = execution.getCause();
        }
        if (cause instanceof DomainRejection rejection) {
            return "Not done: " + rejection.code().replace('-', ' ').replace('_', ' ').toLowerCase(Locale.ROOT) + ".";
        }
        if (cause instanceof NotVisible) {
            return "Not done: the case does not exist or is not visible to you.";
        }
        if (cause instanceof CasePageController.MissingChoice) {
            return "Not done: choose a reason or a decision first.";
        }
        if (cause instanceof ConflictingAggregateVersionException) {
            return STALE;
        }
        if (cause instanceof FormRetries.Refused form) {
            return switch (form.refusal()) {
                case IN_FLIGHT -> "Not done yet: this form's first post is still being carried out. Reload the case in "
                        + "a moment to see its outcome.";
                case KEY_REUSED -> "Not done: this form was already sent with other choices. Reload the case and "
                        + "decide again.";
                case MALFORMED -> STALE;
            };
        }
        if (Outages.isOutage(refused)) {
            return "Outcome unknown: the database was busy or unavailable, and the action may or may not have been "
                    + "done. Reload the case to see whether it was done before acting again.";
        }
        if (cause instanceof ProblemException) {
            return "Not done: the request was refused.";
        }
        return "Outcome unknown: the action failed and may or may not have been done. Reload the case to see "
                + "whether it was done before acting again.";
    }
}
