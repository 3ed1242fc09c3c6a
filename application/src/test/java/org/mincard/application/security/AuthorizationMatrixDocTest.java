package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.mincard.domain.shared.Role;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md shows the authorization matrix exactly as {@link AuthorizationRules} has it with the default
 * settings. On a mismatch the expected table is written to target/authorization-matrix.md, ready to paste.
 */
class AuthorizationMatrixDocTest {

    private static final Path DOC = Path.of("..", "docs", "security.md");

    static String markdown() {
        StringBuilder table = new StringBuilder("| Method | Path | anonymous |");
        for (Role role : Role.staff()) {
            table.append(' ').append(role.name()).append(" |");
        }
        table.append(" Personal data | Notes |\n|---|---|---|");
        table.append("---|".repeat(Role.staff().size())).append("---|---|\n");
        for (AuthorizationRule rule : AuthorizationRules.all(AuthorizationRulesTest.settings(Map.of()))) {
            table.append("| ").append(rule.method() == null ? "any" : rule.method().name())
                    .append(" | `").append(rule.pattern()).append("` | ")
                    .append(rule.anonymous() ? "yes" : "-").append(" |");
            for (Role role : Role.staff()) {
                table.append(' ').append(rule.allows(role) ? "yes" : "-").append(" |");
            }
            table.append(' ').append(rule.personalData() ? "yes" : "no").append(" | ")
                    .append(rule.note()).append(" |\n");
        }
        return table.toString();
    }

    @Test
    void docShowsEveryRule_whenRulesChange() throws IOException {
        String expected = markdown();
        String doc = Files.exists(DOC) ? Files.readString(DOC) : "";

        if (!doc.contains(expected)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "authorization-matrix.md"), expected);
        }

        assertThat(doc).as("docs/security.md must contain the matrix in target/authorization-matrix.md")
                .contains(expected);
    }
}
