package org.mincard.application.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s renders (kubectl kustomize) and every resource of every overlay is valid: built-in kinds against the
 * Kubernetes API's models, CloudNativePG's against their CRD schemas (deploy/k8s/schemas, or the operator's own CRDs
 * with {@code -Dmincard.k8s.crds=<folder>}). Beyond the schemas, the overlays keep the deployment's promises: the
 * service runs as the application role, the migrations as the owner, non-root on a read-only root file system with
 * every capability dropped, probed on liveness and readiness. A deliberately broken copy must fail.
 *
 * <p>{@code .ci/run} installs Debian's {@code kubernetes-client} when {@code kubectl} is missing; without it the test
 * is skipped with that message, and in CI it fails instead.
 */
class KubernetesManifestsIT {

    private static final Path K8S = Path.of("..", "deploy", "k8s").toAbsolutePath().normalize();
    private static KubernetesManifests manifests;

    @BeforeAll
    static void findKubectl() throws Exception {
        Optional<Path> kubectl = KubernetesManifests.findKubectl();
        if (kubectl.isEmpty() && System.getenv("CI") != null) {
            throw new AssertionError("kubectl is missing on CI: .ci/run installs Debian's kubernetes-client");
        }
        Assumptions.assumeTrue(kubectl.isPresent(),
                "kubectl not installed: run .ci/run (it installs Debian's kubernetes-client)");
        List<Path> crds = new ArrayList<>(List.of(K8S.resolve("schemas")));
        String operatorCrds = System.getProperty("mincard.k8s.crds", "");
        if (!operatorCrds.isBlank()) {
            crds = List.of(Path.of(operatorCrds));
        }
        manifests = new KubernetesManifests(kubectl.get(), crds);
    }

    @Test
    void everyOverlayRendersAndEveryResourceIsValid() throws Exception {
        for (Path overlay : overlays(K8S)) {
            List<JsonNode> resources = manifests.render(overlay);

            assertThat(kinds(resources)).as(overlay.toString()).contains("Deployment", "Service", "Job",
                    "PodDisruptionBudget", "NetworkPolicy", "ConfigMap", "Cluster", "ScheduledBackup");
            assertThat(manifests.validate(resources)).as(overlay.toString()).isEmpty();
        }
    }

    @Test
    void serviceRunsAsTheAppRoleAndTheMigrationAsTheOwner_lockedDown() throws Exception {
        for (Path overlay : overlays(K8S)) {
            List<JsonNode> resources = manifests.render(overlay);
            JsonNode service = one(resources, "Deployment", "mincard").path("spec").path("template").path("spec");
            JsonNode migration = one(resources, "Job", "mincard-migrate").path("spec").path("template").path("spec");
            JsonNode database = one(resources, "Cluster", "mincard-db").path("spec");

            assertThat(secretOf(service, "SPRING_DATASOURCE_USERNAME")).isEqualTo("mincard-db-app");
            assertThat(secretOf(service, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("mincard-db-app");
            assertThat(secretOf(migration, "SPRING_DATASOURCE_USERNAME")).isEqualTo("mincard-db-owner");
            assertThat(database.path("bootstrap").path("initdb").path("owner").asText()).isEqualTo("mincard_owner");
            JsonNode appRole = database.path("managed").path("roles").get(0);
            assertThat(appRole.path("name").asText()).isEqualTo("mincard_app");
            assertThat(appRole.path("passwordSecret").path("name").asText()).isEqualTo("mincard-db-app");
            assertThat(appRole.path("superuser").asBoolean(true)).isFalse();
            assertThat(appRole.path("createrole").asBoolean(true)).isFalse();
            assertThat(database.path("enableSuperuserAccess").asBoolean(true)).isFalse();
            for (JsonNode pod : List.of(service, migration)) {
                assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
                        .isEqualTo("RuntimeDefault");
                assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
                for (JsonNode container : pod.path("containers")) {
                    JsonNode security = container.path("securityContext");
                    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
                    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
                    assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
                    assertThat(container.path("resources").path("limits").has("memory")).isTrue();
                }
            }
            JsonNode container = service.path("containers").get(0);
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/actuator/health/liveness");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/actuator/health/readiness");
            assertThat(container.path("startupProbe").isObject()).isTrue();
        }
    }

    @Test
    void validationFails_whenACopyIsBroken() throws Exception {
        Path copy = Path.of("target", "k8s-broken").toAbsolutePath();
        FileSystemUtils.deleteRecursively(copy);
        FileSystemUtils.copyRecursively(K8S, copy);
        replace(copy.resolve("base/deployment.yaml"), "readinessProbe:", "readynessProbe:");
        replace(copy.resolve("base/networkpolicy.yaml"), "policyTypes:", "policyType:");
        replace(copy.resolve("base/postgres-cluster.yaml"), "primaryUpdateStrategy: unsupervised",
                "primaryUpdateStrategy: whenever");
        replace(copy.resolve("base/postgres-cluster.yaml"), "  storage:\n", "  storrage:\n");
        replace(copy.resolve("base/postgres-backup.yaml"), "schedule: \"0 0 2 * * *\"", "schedule: \"0 2 * * *\"");

        List<String> problems = manifests.validate(manifests.render(copy.resolve("overlays/production")));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("Deployment mincard", "readynessProbe"))
                .anySatisfy(p -> assertThat(p).contains("NetworkPolicy mincard", "policyType"))
                .anySatisfy(p -> assertThat(p).contains("Cluster mincard-db", "primaryUpdateStrategy"))
                .anySatisfy(p -> assertThat(p).contains("Cluster mincard-db", "storrage"))
                .anySatisfy(p -> assertThat(p).contains("ScheduledBackup mincard-db-nightly", "schedule"));
    }

    @Test
    void validationFails_whenAResourceHasNoSchema() {
        JsonNode monitor = new ObjectMapper().createObjectNode()
                .put("apiVersion", "monitoring.coreos.com/v1").put("kind", "ServiceMonitor");

        assertThat(manifests.validate(List.of(monitor))).singleElement().asString().contains("no schema");
    }

    private static List<Path> overlays(Path k8s) throws Exception {
        try (Stream<Path> overlays = Files.list(k8s.resolve("overlays"))) {
            List<Path> found = overlays.filter(Files::isDirectory).sorted().toList();
            assertThat(found).isNotEmpty();
            return found;
        }
    }

    private static List<String> kinds(List<JsonNode> resources) {
        return resources.stream().map(r -> r.path("kind").asText()).toList();
    }

    private static JsonNode one(List<JsonNode> resources, String kind, String name) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())
                        && name.equals(r.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String secretOf(JsonNode pod, String variable) {
        for (JsonNode env : pod.path("containers").get(0).path("env")) {
            if (variable.equals(env.path("name").asText())) {
                return env.path("valueFrom").path("secretKeyRef").path("name").asText();
            }
        }
        throw new AssertionError(variable + " is not set from a secret");
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).as(file + " contains " + from).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
