package org.mincard.application;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import java.util.Arrays;
import java.util.List;

/**
 * The module rules, in one place so that the service and the deliberate-violation fixtures are checked by the same
 * code: Spring Modulith's verification (no cycles, no access to another module's internals, only the dependencies
 * a module allows), plus our own rule that every module writes its allowed dependencies down (an undeclared list
 * would allow everything).
 */
final class ModuleRules {

    private ModuleRules() {
    }

    static void verify(ApplicationModules modules) {
        List<String> undeclared = modules.stream()
                .filter(module -> !declaresAllowedDependencies(module.getBasePackage().getName()))
                .map(module -> module.getIdentifier().toString())
                .toList();
        if (!undeclared.isEmpty()) {
            throw new AssertionError("modules without @ApplicationModule(allowedDependencies = ...) in their "
                    + "package-info.java: " + undeclared);
        }
        modules.verify();
    }

    private static boolean declaresAllowedDependencies(String basePackage) {
        try {
            ApplicationModule declared = Class.forName(basePackage + ".package-info")
                    .getAnnotation(ApplicationModule.class);
            return declared != null && Arrays.stream(declared.allowedDependencies())
                    .noneMatch(ApplicationModule.OPEN_TOKEN::equals);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
