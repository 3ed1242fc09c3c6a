package org.mincard.application;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/** The module graph as a whole: application -> projections -> domain, and nothing pointing back. */
class ApplicationArchitectureTest {

    private static final String APPLICATION = "org.mincard.application..";
    private static final String PROJECTIONS = "org.mincard.projections..";
    private static final String DOMAIN = "org.mincard.domain..";
    private static final List<String> FORBIDDEN_PACKAGE_NAMES =
            List.of("..util..", "..common..", "..helpers..", "..misc..", "..core..", "..impl..");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mincard");

    static final ArchRule MODULE_DIRECTION = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Application").definedBy(APPLICATION)
            .layer("Projections").definedBy(PROJECTIONS)
            .layer("Domain").definedBy(DOMAIN)
            .whereLayer("Application").mayNotBeAccessedByAnyLayer()
            .whereLayer("Projections").mayOnlyBeAccessedByLayers("Application")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Projections", "Application");

    static final ArchRule EVERY_CLASS_IN_A_MODULE = noClasses().that().resideInAPackage("org.mincard..")
            .should().resideOutsideOfPackages(APPLICATION, PROJECTIONS, DOMAIN)
            .because("every class belongs to one of the three modules, so the direction rule sees it");

    static final ArchRule NO_VAGUE_PACKAGES = noClasses().that().resideInAPackage("org.mincard..")
            .should().resideInAnyPackage(FORBIDDEN_PACKAGE_NAMES.toArray(String[]::new))
            .because("util/common/helpers/misc/core/impl packages hide coupling (STYLE.md §2)");

    @Test
    void pointsOnlyInwards_whenModulesDependOnEachOther() {
        MODULE_DIRECTION.check(CLASSES);
        EVERY_CLASS_IN_A_MODULE.check(CLASSES);
    }

    @Test
    void usesNoVaguePackageName_whenAnywhereInMincard() {
        NO_VAGUE_PACKAGES.check(CLASSES);
    }

    @Test
    void findsClassesForEveryLayer_whenImportingTheWholeService() {
        // A rule over an empty set passes silently; this guards against a rename that leaves a rule checking nothing.
        for (String module : List.of(APPLICATION, PROJECTIONS, DOMAIN)) {
            assertThat(CLASSES.that(resideInAPackage(module))).as("classes in " + module).isNotEmpty();
        }
    }
}
