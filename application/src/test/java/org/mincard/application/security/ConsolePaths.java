package org.mincard.application.security;

/** The paths of the console's filter chain, which the API's authorization matrix does not cover. */
final class ConsolePaths {

    private ConsolePaths() {
    }

    static boolean isConsole(String pattern) {
        return pattern.equals("/") || pattern.equals("/console") || pattern.startsWith("/console/");
    }
}
