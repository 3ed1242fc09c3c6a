package org.mincard.application.retries;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;

/**
 * Documents {@link SafeRetryFilter}'s contract on each operation: the {@code Idempotency-Key} and {@code If-Match}
 * request headers and the 409 / 412 / 422 answers of every state-changing operation, and the {@code ETag} of the
 * 2xx answers (docs/lifecycle.md "Client contract").
 */
@Configuration(proxyBeanMethods = false)
class SafeRetryApiDocs {

    private static final String PROBLEM = "application/problem+json";

    @Bean
    OperationCustomizer safeRetryHeaders() {
        return (operation, handlerMethod) -> {
            boolean stateChanging = handlerMethod.hasMethodAnnotation(PostMapping.class)
                    || handlerMethod.hasMethodAnnotation(PutMapping.class)
                    || handlerMethod.hasMethodAnnotation(PatchMapping.class)
                    || handlerMethod.hasMethodAnnotation(DeleteMapping.class);
            if (!stateChanging) {
                if (handlerMethod.hasMethodAnnotation(GetMapping.class) && operation.getResponses() != null
                        && operation.getResponses().get("200") != null
                        && "/{caseId}".equals(firstPath(handlerMethod.getMethodAnnotation(GetMapping.class)))) {
                    operation.getResponses().get("200").addHeaderObject(HttpHeaders.ETAG, etag());
                }
                return operation;
            }
            operation.addParametersItem(new HeaderParameter().name(SafeRetryFilter.IDEMPOTENCY_KEY).required(false)
                    .description("Client-chosen key (8-200 visible ASCII characters) that makes retries safe: a "
                            + "retry with the same key, method, path and body gets the first 2xx answer again "
                            + "(Idempotent-Replayed: true) and stores nothing; kept for mincard.idempotency.retention.")
                    .schema(new StringSchema().minLength(8).maxLength(200).pattern("^[!-~]{8,200}$")));
            operation.addParametersItem(new HeaderParameter().name(HttpHeaders.IF_MATCH).required(false)
                    .description("An ETag this API answered (\"<aggregateId>.<version>\"): the command is refused "
                            + "with 412 if that aggregate has moved on since.")
                    .schema(new StringSchema().maxLength(80)));
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            responses.addApiResponse("409", problem("Not allowed in the current state, a concurrent change, or a "
                    + "request with the same Idempotency-Key still in flight (retry it shortly)"));
            responses.addApiResponse("412", problem("If-Match names a version the aggregate has moved on from, or "
                    + "is not an ETag of this API; nothing was stored"));
            responses.addApiResponse("422", problem("Idempotency-Key already used for another request (or a "
                    + "field the ordinance forbids); nothing was stored"));
            if (!responses.containsKey("503")) {
                responses.addApiResponse("503", problem("Outcome unknown (code outcome-unknown): the database was "
                        + "unavailable or busy, or the request passed mincard.web.request-timeout; the command may or "
                        + "may not have been carried out. Retry after Retry-After with the same Idempotency-Key")
                        .addHeaderObject(HttpHeaders.RETRY_AFTER, new Header().description("Seconds to wait before "
                                + "retrying").schema(new IntegerSchema())));
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(HttpHeaders.ETAG, etag());
                }
            });
            operation.setResponses(responses);
            return operation;
        };
    }

    private static String firstPath(GetMapping mapping) {
        String[] paths = mapping.value().length > 0 ? mapping.value() : mapping.path();
        return paths.length > 0 ? paths[0] : "";
    }

    private static Header etag() {
        return new Header().description("The aggregate's version in the event store, \"<aggregateId>.<version>\"; "
                + "send it as If-Match").schema(new StringSchema());
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM, new MediaType().schema(new ObjectSchema()
                        .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                        .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema()))));
    }
}
