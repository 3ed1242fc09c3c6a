package org.mincard.application.consistency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.mincard.application.web.ApiDocs;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Documents the client contract of ADR 0019 on every API operation: the reads listed in {@link ConsistencyWebConfig}
 * accept a {@code Consistency-Token} header (400 for one this service did not issue), state-changing answers carry
 * one, and any operation may answer 503 problem+json with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class ConsistencyApiDocs {

    @Bean
    OperationCustomizer consistencyContract() {
        return (operation, handlerMethod) -> {
            if (!ApiDocs.isApi(handlerMethod)) {
                return operation;
            }
            boolean read = handlerMethod.hasMethodAnnotation(GetMapping.class);
            if (ConsistencyWebConfig.waitsForToken(handlerMethod, read)) {
                ApiDocs.parameter(operation, new HeaderParameter().name(ConsistencyTokens.HEADER).required(false)
                        .description("A token from an earlier command's answer: the request waits (bounded) until "
                                + "the read models it reads show that command's effect, else answers 503")
                        .schema(new StringSchema()));
                ApiDocs.problem(operation, 400, "The Consistency-Token is not one this service issued");
            }
            if (read) {
                return withOutage(operation);
            }
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        response.addHeaderObject(ConsistencyTokens.HEADER, new Header()
                                .description("Opaque event-store position of this command; send it on later reads")
                                .schema(new StringSchema()));
                    }
                });
            }
            return withOutage(operation);
        };
    }

    private static Operation withOutage(Operation operation) {
        ApiDocs.problemWithRetryAfter(operation, 503, "Database unavailable or busy, a time limit passed, or a "
                + "read model did not reach the Consistency-Token in time; for a state-changing request the "
                + "outcome is unknown: retry with the same Idempotency-Key");
        return operation;
    }
}
