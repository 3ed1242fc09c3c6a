package org.mincard.application.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API description's frame (title, version, relative server, the {@code Problem} schema) and the answers of
 * {@code web}'s own request rules on each operation (ADR 0025): 400 for a malformed body or parameter, 404 for an id
 * in the path, 413 from {@link RequestBodyLimitFilter}, 415 from {@link JsonOnlyRequestFilter}.
 */
@Configuration(proxyBeanMethods = false)
class ApiContractDocs {

    @Bean
    OpenAPI apiDescription(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("mincard API")
                        .version(properties == null ? "development" : properties.getVersion())
                        .description("Case management for a municipal ID card program. Every refusal is "
                                + "application/problem+json (schema Problem) naming the field and rule, never the "
                                + "value sent. Client contract (idempotency keys, ETags, consistency tokens, 503 "
                                + "with Retry-After): docs/lifecycle.md. Roles and sign-in: docs/security.md."))
                // Relative to where the description is served, so it is right behind any host name or proxy.
                .servers(List.of(new Server().url("/").description("This service")))
                .components(new Components()
                        .addSchemas("FieldProblem", fieldProblem())
                        .addSchemas(ApiDocs.PROBLEM_SCHEMA, problem()));
    }

    private static Schema<?> fieldProblem() {
        return new ObjectSchema().description("One refused field or parameter and the rule it broke (never its value)")
                .addProperty("field", new StringSchema().description("JSON path of the field, or the parameter or "
                        + "header name").example("applicant.dateOfBirth"))
                .addProperty("message", new StringSchema().description("The rule").example("must not be null"))
                .required(List.of("field", "message"));
    }

    private static Schema<?> problem() {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details, with mincard's extension members. No member ever echoes a "
                        + "value the client sent.")
                .addProperty("type", new StringSchema().format("uri").description("What went wrong, as a stable "
                        + "URN, e.g. urn:mincard:problem:validation"))
                .addProperty("title", new StringSchema().description("Short summary of the type"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)).description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("Explanation for a person"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("Never sent: a "
                        + "request path may carry a card number"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
                        .description("400, 422: each refused field or parameter"))
                .addProperty("code", new StringSchema().description("Machine-readable reason, e.g. the domain rule "
                        + "(case-not-in-state, card-not-eligible), concurrent-change, version-moved-on, "
                        + "read-model-behind, unavailable, outcome-unknown"))
                .addProperty("currentState", new StringSchema().description("409 of a lifecycle rule: the state "
                        + "the case or card is in"))
                .addProperty("errorId", new StringSchema().format("uuid").description("5xx: the id under which "
                        + "the failure was logged for the operators"))
                .addProperty("retryAfterSeconds", new IntegerSchema().minimum(BigDecimal.ONE).description("429, 503: "
                        + "seconds to wait, also sent as Retry-After"))
                .addProperty("dataClass", new StringSchema().description("403 of the personal-data gate: the data "
                        + "class refused"))
                .addProperty("reason", new StringSchema().description("403 of the personal-data gate: why"))
                .addProperty("runningSweepId", new StringSchema().format("uuid").description("409 of a sweep "
                        + "request: the sweep already running"))
                .required(List.of("type", "title", "status"));
        problem.setExample(Map.of("type", ApiProblems.VALIDATION.toString(), "title", "Invalid request",
                "status", 400, "detail", "The request has 1 invalid field(s).",
                "errors", List.of(Map.of("field", "applicant.dateOfBirth", "message", "must not be null"))));
        return problem;
    }

    @Bean
    OperationCustomizer requestRuleAnswers() {
        return (operation, handler) -> {
            if (!ApiDocs.isApi(handler)) {
                return operation;
            }
            List<MethodParameter> parameters = Arrays.asList(handler.getMethodParameters());
            boolean body = parameters.stream().anyMatch(parameter -> parameter.hasParameterAnnotation(
                    RequestBody.class));
            boolean pathVariable = parameters.stream().anyMatch(parameter -> parameter.hasParameterAnnotation(
                    PathVariable.class));
            boolean bound = body || pathVariable || parameters.stream().anyMatch(parameter ->
                    parameter.hasParameterAnnotation(RequestParam.class)
                            || parameter.hasParameterAnnotation(RequestHeader.class));
            Set<RequestMethod> methods = ApiDocs.methods(handler);
            if (bound) {
                ApiDocs.problem(operation, 400, "Malformed JSON, or a field or parameter breaks its rule (errors "
                        + "names each one and the rule, never the value)");
            }
            if (pathVariable) {
                ApiDocs.problem(operation, 404, "Nothing with that id, or not visible to you (another site's)");
            }
            if (methods.contains(RequestMethod.POST) || methods.contains(RequestMethod.PUT)
                    || methods.contains(RequestMethod.PATCH)) {
                ApiDocs.problem(operation, 413, "The request body is larger than mincard.web.request-body.max-size");
            }
            if (methods.contains(RequestMethod.POST) || body) {
                ApiDocs.problem(operation, 415, "Not sent as Content-Type: application/json (UTF-8); every POST "
                        + "must be, with or without a body");
            }
            return operation;
        };
    }
}
