package org.mincard.projections;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read models follow the event stream and nothing else: they see the domain's events and value types, never its
 * aggregates or commands, and never the application that hosts them.
 */
class ProjectionsArchitectureTest {

    private static final String PROJECTIONS = "org.mincard.projections..";
    private static final String DOMAIN = "org.mincard.domain..";
    private static final List<String> FORBIDDEN_PACKAGE_NAMES =
            List.of("..util..", "..common..", "..helpers..", "..misc..", "..core..", "..impl..");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mincard.projections", "org.mincard.domain");

    private static final DescribedPredicate<JavaClass> DOMAIN_AGGREGATES =
            new DescribedPredicate<>("are domain aggregates") {
                @Override
                public boolean test(JavaClass type) {
                    return type.getPackageName().startsWith("org.mincard.domain")
                            && (type.getAllFields().stream().anyMatch(field -> field.isAnnotatedWith(
                                    "org.axonframework.modelling.command.AggregateIdentifier"))
                            || type.getCodeUnits().stream().anyMatch(member -> member.isAnnotatedWith(
                                    "org.axonframework.commandhandling.CommandHandler")));
                }
            };

    private static final DescribedPredicate<JavaClass> DOMAIN_COMMANDS =
            new DescribedPredicate<>("are domain commands") {
                @Override
                public boolean test(JavaClass type) {
                    return type.getPackageName().startsWith("org.mincard.domain")
                            && type.getAllRawInterfaces().stream().anyMatch(marker ->
                            marker.getPackageName().startsWith("org.mincard.domain")
                                    && marker.getSimpleName().endsWith("Command"));
                }
            };

    static final ArchRule NO_APPLICATION_OR_PERSISTENCE_FRAMEWORK = noClasses().that().resideInAPackage(PROJECTIONS)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.mincard.application..", "jakarta.persistence..", "javax.persistence..")
            .because("dependencies point inwards (application -> projections -> domain), and Flyway + JDBC own "
                    + "the read-model tables, not an ORM");

    static final ArchRule ONLY_EVENTS_AND_VALUES_FROM_DOMAIN = noClasses().that().resideInAPackage(PROJECTIONS)
            .should().dependOnClassesThat(DOMAIN_AGGREGATES.or(DOMAIN_COMMANDS))
            .because("a read model is built from events only; it neither loads aggregates nor sends commands");

    static final ArchRule NO_COMMAND_SIDE = noClasses().that().resideInAPackage(PROJECTIONS)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.axonframework.commandhandling..", "org.axonframework.modelling..")
            .because("projections never send commands (STYLE.md §5)");

    static final ArchRule NO_VAGUE_PACKAGES = noClasses().that().resideInAPackage(PROJECTIONS)
            .should().resideInAnyPackage(FORBIDDEN_PACKAGE_NAMES.toArray(String[]::new))
            .because("util/common/helpers/misc/core/impl packages hide coupling (STYLE.md §2)");

    @Test
    void dependsNeitherOnApplicationNorOnAnOrm_whenInProjections() {
        NO_APPLICATION_OR_PERSISTENCE_FRAMEWORK.check(CLASSES);
    }

    @Test
    void seesOnlyEventsAndValueTypes_whenUsingTheDomain() {
        ONLY_EVENTS_AND_VALUES_FROM_DOMAIN.check(CLASSES);
        NO_COMMAND_SIDE.check(CLASSES);
    }

    @Test
    void usesNoVaguePackageName_whenInProjections() {
        NO_VAGUE_PACKAGES.check(CLASSES);
    }

    @Test
    void findsClassesForEveryRule_whenImportingProjectionsAndDomain() {
        // A rule over an empty set passes silently; this guards against a rename that leaves a rule checking nothing.
        assertThat(CLASSES.that(resideInAPackage(PROJECTIONS))).as("classes in " + PROJECTIONS).isNotEmpty();
        assertThat(CLASSES.that(resideInAPackage(DOMAIN))).as("classes in " + DOMAIN).isNotEmpty();
        assertThat(CLASSES.that(DOMAIN_AGGREGATES)).as("domain aggregates").isNotEmpty();
        assertThat(CLASSES.that(DOMAIN_COMMANDS)).as("domain commands").isNotEmpty();
    }
}
