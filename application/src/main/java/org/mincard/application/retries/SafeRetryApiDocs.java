package org.mincard.application.retries;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.mincard.application.web.ApiDocs;
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
            ApiDocs.parameter(operation, new HeaderParameter().name(SafeRetryFilter.IDEMPOTENCY_KEY).required(false)
                    .description("Client-chosen key (8-200 visible ASCII characters) that makes retries safe: a "
                            + "retry with the same key, method, path and body gets the first 2xx answer again "
                            + "(Idempotent-Replayed: true) and stores nothing; kept for mincard.idempotency.retention.")
                    .schema(new StringSchema().minLength(8).maxLength(200).pattern("^[!-~]{8,200}$")));
            ApiDocs.parameter(operation, new HeaderParameter().name(HttpHeaders.IF_MATCH).required(false)
                    .description("An ETag this API answered (\"<aggregateId>.<version>\"): the command is refused "
                            + "with 412 if that aggregate has moved on since.")
                    .schema(new StringSchema().maxLength(80)));
            ApiDocs.problem(operation, 400, "The Idempotency-Key is not 8-200 visible ASCII characters");
            ApiDocs.problem(operation, 409, "Not allowed in the current state, a concurrent change, or a request "
                    + "with the same Idempotency-Key still in flight (retry it shortly)");
            ApiDocs.problem(operation, 412, "If-Match names a version the aggregate has moved on from, or is not an "
                    + "ETag of this API; nothing was stored");
            ApiDocs.problem(operation, 422, "Idempotency-Key already used for another request (or a field the "
                    + "ordinance forbids); nothing was stored");
            ApiDocs.problemWithRetryAfter(operation, 503, "Outcome unknown (code outcome-unknown): the database "
                    + "was unavailable or busy, or the request passed mincard.web.request-timeout; the command may or "
                    + "may not have been carried out. Retry after Retry-After with the same Idempotency-Key");
            ApiResponses responses = operation.getResponses();
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(HttpHeaders.ETAG, etag());
                }
            });
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
}
