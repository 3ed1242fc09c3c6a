package org.mincard.application.console;

import org.axonframework.commandhandling.CommandExecutionException;
import org.mincard.application.web.ProblemException;
import org.mincard.domain.shared.DomainRejection;
import org.mincard.domain.shared.NotVisible;

import java.util.Locale;

/**
 * Why an action was refused, in words a clerk can act on. Only rule codes and fixed texts: never an exception
 * message, which could carry a value.
 */
final class ConsoleProblems {

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
        if (cause instanceof ProblemException) {
            return "Not done: the request was refused.";
        }
        return "Not done: the action could not be completed. Try again.";
    }
}
