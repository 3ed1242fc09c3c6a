package org.mincard.application.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a kustomize overlay with {@code kubectl kustomize} and validates every resource: built-in kinds against
 * the official Kubernetes Java client's models (generated from the Kubernetes OpenAPI: unknown fields, missing
 * required fields and non-object values are refused), custom resources against the {@code openAPIV3Schema} of their
 * CustomResourceDefinition (a JSON-schema validator). A resource of any other kind is an error too.
 */
final class KubernetesManifests {

    /** API groups whose kinds the Kubernetes client's models cover ("" is the core group). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "policy", "networking.k8s.io",
            "autoscaling", "rbac.authorization.k8s.io");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path kubectl;
    private final Map<String, JsonSchema> customResources = new HashMap<>();

    /** {@code crdFolders}: folders of CustomResourceDefinition files (YAML, several documents each). */
    KubernetesManifests(Path kubectl, List<Path> crdFolders) throws IOException {
        this.kubectl = kubectl;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        for (Path folder : crdFolders) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                    for (JsonNode crd : documents(Files.readString(file))) {
                        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                            continue;
                        }
                        String group = crd.path("spec").path("group").asText();
                        String kind = crd.path("spec").path("names").path("kind").asText();
                        for (JsonNode version : crd.path("spec").path("versions")) {
                            customResources.put(group + "/" + version.path("name").asText() + " " + kind,
                                    factory.getSchema(version.path("schema").path("openAPIV3Schema")));
                        }
                    }
                }
            }
        }
    }

    /** The first {@code kubectl} on the PATH, if any. */
    static Optional<Path> findKubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** {@code kubectl kustomize <overlay>}: the resources, one JSON tree each. */
    List<JsonNode> render(Path overlay) throws IOException, InterruptedException {
        Path output = Files.createTempFile("kustomize", ".yaml");
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + overlay + " failed:\n"
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            return documents(Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /** One line per problem, naming the resource; empty when every resource is valid. */
    List<String> validate(List<JsonNode> resources) {
        List<String> problems = new ArrayList<>();
        for (JsonNode resource : resources) {
            String apiVersion = resource.path("apiVersion").asText();
            String kind = resource.path("kind").asText();
            String name = apiVersion + " " + kind + " " + resource.path("metadata").path("name").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            JsonSchema schema = customResources.get(apiVersion + " " + kind);
            if (schema != null) {
                for (ValidationMessage message : schema.validate(resource)) {
                    problems.add(name + ": " + message.getMessage());
                }
            } else if (BUILT_IN_GROUPS.contains(group)) {
                validateBuiltIn(name, apiVersion, kind, resource).ifPresent(problems::add);
            } else {
                problems.add(name + ": no schema for this kind (add its CustomResourceDefinition to the schemas)");
            }
        }
        return problems;
    }

    private static Optional<String> validateBuiltIn(String name, String apiVersion, String kind, JsonNode resource) {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
                + version.substring(1) + kind;
        try {
            Method validate = Class.forName(model).getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, JsonParser.parseString(JSON.writeValueAsString(resource)));
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.of(name + ": not a kind of the Kubernetes API");
        } catch (InvocationTargetException e) {
            String message = String.valueOf(e.getCause().getMessage());
            int json = message.indexOf(". JSON: ");
            return Optional.of(name + ": " + (json < 0 ? message : message.substring(0, json)));
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("cannot validate " + name, e);
        }
    }

    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document instanceof ObjectNode) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
