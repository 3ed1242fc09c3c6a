package org.mincard.application;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features inside {@code application} as Spring Modulith modules: the rules of {@link ModuleRules} hold, every
 * feature is found as a module, and the generated module documentation in {@code docs/modules/} is the one the
 * code produces today. To refresh it after a change, run this test with {@code -Dmodules.docs.write=true}.
 */
class ApplicationModulesTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(MincardApplication.class);
    private static final Path COMMITTED_DOCS = Path.of("..", "docs", "modules");
    private static final Path GENERATED_DOCS = Path.of("target", "modules-docs");

    @Test
    void keepsTheModuleRules_whenVerifyingTheService() {
        ModuleRules.verify(MODULES);
    }

    @Test
    void findsEveryFeatureAsAModule_whenScanningTheService() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrder(
                "card", "casefile", "config", "console", "directory", "migration", "operations", "oversight",
                "retention", "retries", "security", "vault", "web", "workqueue");
    }

    @Test
    void speaksHttpOnlyAtTheEdge_whenAFeatureRefusesARequest() {
        // Services and the vault throw named ProblemExceptions carrying a kind; web maps kinds to statuses. Only the
        // HTTP edge itself (controllers, servlet filters, Spring Security's entry points) names a status.
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mincard.application");

        noClasses().that().resideInAPackage("org.mincard.application..")
                .and().resideOutsideOfPackage("org.mincard.application.web..")
                .and().areNotAnnotatedWith(RestController.class)
                .and().areNotAssignableTo(Filter.class)
                .and().areNotAssignableTo(AuthenticationEntryPoint.class)
                .should().dependOnClassesThat().haveFullyQualifiedName(HttpStatus.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(HttpStatusCode.class.getName())
                .check(classes);
    }

    @Test
    void leavesSqlToQueryObjects_whenAControllerReadsATable() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mincard.application");

        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().haveFullyQualifiedName(JdbcTemplate.class.getName())
                .because("a table is read by a query object of the feature that owns it, not by a controller")
                .check(classes);
    }

    @Test
    void matchesTheCommittedModuleDocs_whenGeneratedAgain() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED_DOCS.toString()))
                .writeDocumentation(Documenter.DiagramOptions.defaults()
                                .withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE),
                        Documenter.CanvasOptions.defaults());
        sortDiagramStatements(GENERATED_DOCS);
        if (Boolean.getBoolean("modules.docs.write")) {
            replaceCommittedDocs();
        }
        Map<String, String> generated = contents(GENERATED_DOCS);
        Map<String, String> committed = contents(COMMITTED_DOCS);

        assertThat(generated).isNotEmpty();
        assertThat(Stream.concat(generated.keySet().stream(), committed.keySet().stream()).distinct()
                .filter(name -> !Objects.equals(generated.get(name), committed.get(name))).sorted())
                .as("stale files in docs/modules/: run ApplicationModulesTest with -Dmodules.docs.write=true, "
                        + "then commit docs/modules/")
                .isEmpty();
    }

    /**
     * Spring Modulith lists a diagram's components and relations in an order that changes from run to run; sorting
     * each run of consecutive {@code Component(...)} or {@code Rel(...)} lines changes nothing in the picture and
     * makes the file comparable.
     */
    private static void sortDiagramStatements(Path folder) {
        for (String name : contents(folder).keySet().stream().filter(file -> file.endsWith(".puml")).toList()) {
            Path file = folder.resolve(name);
            try {
                List<String> lines = new ArrayList<>(Files.readAllLines(file));
                int start = 0;
                while (start < lines.size()) {
                    String kind = statementKind(lines.get(start));
                    int end = start + 1;
                    while (kind != null && end < lines.size() && kind.equals(statementKind(lines.get(end)))) {
                        end++;
                    }
                    Collections.sort(lines.subList(start, end));
                    start = end;
                }
                Files.write(file, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String statementKind(String line) {
        String statement = line.strip();
        return statement.startsWith("Component(") || statement.startsWith("Rel(")
                ? statement.substring(0, statement.indexOf('(')) : null;
    }

    private static void replaceCommittedDocs() {
        try {
            Files.createDirectories(COMMITTED_DOCS);
            for (Path stale : contents(COMMITTED_DOCS).keySet().stream().map(COMMITTED_DOCS::resolve).toList()) {
                Files.delete(stale);
            }
            for (String name : contents(GENERATED_DOCS).keySet()) {
                Files.copy(GENERATED_DOCS.resolve(name), COMMITTED_DOCS.resolve(name),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> contents(Path folder) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path file : listing.filter(Files::isRegularFile).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
