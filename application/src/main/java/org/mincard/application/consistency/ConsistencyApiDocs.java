package org.mincard.application.consistency;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Documents the client contract of ADR 0019 on every API operation: reads accept a {@code Consistency-Token} header,
 * state-changing answers carry one, and any operation may answer 503 problem+json with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class ConsistencyApiDocs {

    @Bean
    OperationCustomizer consistencyContract() {
        return (operation, handlerMethod) -> {
            if (!handlerMethod.getBeanType().getPackageName().startsWith("org.mincard.application")
                    || handlerMethod.getBeanType().getPackageName().contains(".console")) {
                return operation;
            }
            Header retryAfter = new Header().description("Seconds to wait before retrying")
                    .schema(new Schema<Integer>().type("integer"));
            if (handlerMethod.hasMethodAnnotation(GetMapping.class)) {
                operation.addParametersItem(new HeaderParameter().name(ConsistencyTokens.HEADER).required(false)
                        .description("A token from an earlier command's answer: the read waits (bounded) until its "
                                + "read models show that command's effect, else answers 503")
                        .schema(new StringSchema()));
            } else if (operation.getResponses() != null) {
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        response.addHeaderObject(ConsistencyTokens.HEADER, new Header()
                                .description("Opaque event-store position of this command; send it on later reads")
                                .schema(new StringSchema()));
                    }
                });
            }
            if (operation.getResponses() != null && !operation.getResponses().containsKey("503")) {
                operation.getResponses().addApiResponse("503", new ApiResponse()
                        .description("Database unavailable or busy, a time limit passed, or a read model did not "
                                + "reach the Consistency-Token in time; for a state-changing request the outcome is "
                                + "unknown: retry with the same Idempotency-Key")
                        .addHeaderObject("Retry-After", retryAfter)
                        .content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().type("object")))));
            }
            return operation;
        };
    }
}
