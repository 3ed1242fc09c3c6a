package org.mincard.application;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The module rules fail when they must: tiny fake applications under {@code org.mincard.modulefixture} (test code
 * only) break one rule each and are checked by the same {@link ModuleRules} as the service.
 */
class ModuleRulesTest {

    @Test
    void fails_whenAModuleReachesIntoAnotherModulesInternals() {
        assertThatThrownBy(() -> ModuleRules.verify(fixture("intruding")))
                .hasMessageContaining("shop")
                .hasMessageContaining("non-exposed type")
                .hasMessageContaining("ledger.entries.Entries");
    }

    @Test
    void fails_whenAModuleUsesAModuleItDoesNotAllow() {
        assertThatThrownBy(() -> ModuleRules.verify(fixture("undeclared")))
                .hasMessageContaining("shop")
                .hasMessageContaining("ledger")
                .hasMessageContaining("Allowed targets: none");
    }

    @Test
    void fails_whenAModuleLeavesItsAllowedDependenciesUnwritten() {
        assertThatThrownBy(() -> ModuleRules.verify(fixture("unwritten")))
                .hasMessageContaining("allowedDependencies")
                .hasMessageContaining("[ledger]");
    }

    @Test
    void passes_whenTheSameModulesGoThroughTheRoot() {
        assertThatCode(() -> ModuleRules.verify(fixture("conforming"))).doesNotThrowAnyException();
    }

    private static ApplicationModules fixture(String name) {
        // The fixtures are test classes, which the service's own check leaves out; here they are the whole input.
        ImportOption everything = location -> true;
        return ApplicationModules.of("org.mincard.modulefixture." + name, everything);
    }
}
