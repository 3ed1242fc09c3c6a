package org.mincard.domain;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain is plain Java plus Axon's modelling API: no Spring, no persistence, nothing from the outer modules.
 * Events are the stored contract, so their shape is checked here too.
 */
class DomainArchitectureTest {

    private static final String DOMAIN = "org.mincard.domain..";
    private static final List<String> FORBIDDEN_PACKAGE_NAMES =
            List.of("..util..", "..common..", "..helpers..", "..misc..", "..core..", "..impl..");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mincard.domain");

    /** A domain class that implements one of the domain's {@code …Event} marker interfaces. */
    private static final DescribedPredicate<JavaClass> EVENTS = new DescribedPredicate<>("are events") {
        @Override
        public boolean test(JavaClass type) {
            return !type.isInterface() && type.getAllRawInterfaces().stream().anyMatch(DomainArchitectureTest::isEventMarker);
        }
    };

    private static final DescribedPredicate<JavaClass> EVENT_MARKERS = new DescribedPredicate<>("are event markers") {
        @Override
        public boolean test(JavaClass type) {
            return isEventMarker(type);
        }
    };

    static final ArchRule ONLY_JAVA_AXON_AND_JACKSON = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "org.axonframework..", "com.fasterxml.jackson..", DOMAIN)
            .because("the domain must stay testable and portable without a container (STYLE.md §1)");

    static final ArchRule NO_FRAMEWORK_OR_OUTER_MODULE = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.axonframework.spring..",
                    "jakarta.persistence..", "javax.persistence..",
                    "org.mincard.projections..", "org.mincard.application..")
            .because("dependencies point inwards (application -> projections -> domain); aggregates are registered "
                    + "by the application, not by a Spring stereotype (docs/adr/0004)");

    static final ArchRule NO_VAGUE_PACKAGES = noClasses().that().resideInAPackage(DOMAIN)
            .should().resideInAnyPackage(FORBIDDEN_PACKAGE_NAMES.toArray(String[]::new))
            .because("util/common/helpers/misc/core/impl packages hide coupling (STYLE.md §2)");

    static final ArchRule EVENTS_ARE_REVISIONED_TOP_LEVEL_RECORDS = classes().that(EVENTS)
            .should(beTopLevelRecords())
            .andShould().beAnnotatedWith(Revision.class)
            .because("events are immutable stored contracts whose shape is versioned (STYLE.md §4)");

    static final ArchRule EVENTS_ARE_NAMED_AS_FACTS = noClasses().that(EVENTS)
            .should().haveSimpleNameEndingWith("Event")
            .orShould().haveSimpleNameEndingWith("Updated")
            .orShould().haveSimpleNameEndingWith("Changed")
            .orShould().haveSimpleNameEndingWith("Modified")
            .orShould().haveSimpleNameEndingWith("Processed")
            .because("an event names a business fact in the past tense (STYLE.md §3)");

    static final ArchRule EVENT_MARKERS_ARE_SEALED = classes().that(EVENT_MARKERS)
            .should(beSealed())
            .because("the permits clause of an aggregate's event interface is its list of events");

    @Test
    void dependsOnlyOnJavaAxonAndJackson_whenInDomain() {
        ONLY_JAVA_AXON_AND_JACKSON.check(CLASSES);
        NO_FRAMEWORK_OR_OUTER_MODULE.check(CLASSES);
    }

    @Test
    void usesNoVaguePackageName_whenInDomain() {
        NO_VAGUE_PACKAGES.check(CLASSES);
    }

    @Test
    void isRevisionedTopLevelRecord_whenEvent() {
        EVENTS_ARE_REVISIONED_TOP_LEVEL_RECORDS.check(CLASSES);
        EVENTS_ARE_NAMED_AS_FACTS.check(CLASSES);
    }

    @Test
    void isSealed_whenEventMarkerInterface() {
        EVENT_MARKERS_ARE_SEALED.check(CLASSES);
    }

    @Test
    void findsClassesForEveryRule_whenImportingTheDomain() {
        // A rule over an empty set passes silently; this guards against a rename that leaves a rule checking nothing.
        assertThat(CLASSES.that(resideInAPackage(DOMAIN)))
                .as("classes in " + DOMAIN).isNotEmpty();
        assertThat(CLASSES.that(EVENT_MARKERS)).as("sealed …Event interfaces").isNotEmpty();
        assertThat(CLASSES.that(EVENTS)).as("events").isNotEmpty();
    }

    private static boolean isEventMarker(JavaClass type) {
        return type.isInterface() && type.getPackageName().startsWith("org.mincard.domain")
                && type.getSimpleName().endsWith("Event");
    }

    private static ArchCondition<JavaClass> beTopLevelRecords() {
        return new ArchCondition<>("be top-level records") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean satisfied = type.isRecord() && type.isTopLevelClass();
                events.add(new SimpleConditionEvent(type, satisfied,
                        type.getName() + (satisfied ? " is" : " is not") + " a top-level record"));
            }
        };
    }

    private static ArchCondition<JavaClass> beSealed() {
        return new ArchCondition<>("be sealed") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean sealed = type.reflect().isSealed();
                events.add(new SimpleConditionEvent(type, sealed,
                        type.getName() + (sealed ? " is" : " is not") + " sealed"));
            }
        };
    }
}
