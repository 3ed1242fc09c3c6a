package org.mincard.application.vault;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.mincard.application.web.ApiDocs;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.List;

@Configuration(proxyBeanMethods = false)
class VaultWebConfig implements WebMvcConfigurer {

    static {
        // The parameter is filled from a header by AccessPurposeArgumentResolver, not from the query string.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AccessPurpose.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AccessPurposeArgumentResolver());
    }

    /** Documents the required purpose header on every operation that takes an {@link AccessPurpose}. */
    @Bean
    OperationCustomizer accessPurposeHeader() {
        return (operation, handlerMethod) -> {
            if (Arrays.stream(handlerMethod.getMethodParameters())
                    .anyMatch(parameter -> parameter.getParameterType() == AccessPurpose.class)) {
                StringSchema purposes = new StringSchema();
                Arrays.stream(AccessPurpose.values()).forEach(purpose -> purposes.addEnumItem(purpose.name()));
                ApiDocs.parameter(operation, new HeaderParameter()
                        .name(AccessPurposeArgumentResolver.HEADER)
                        .required(true)
                        .description("Why personal data is read; recorded in the access log (docs/privacy.md)")
                        .schema(purposes));
                ApiDocs.problem(operation, 400, "The X-Access-Purpose header is missing or not a purpose");
                ApiDocs.problem(operation, 403, "The access policy refuses this purpose or data class to your role "
                        + "(recorded in the access log)");
                ApiDocs.problemWithRetryAfter(operation, 429, "You read more personal data than your allowance in "
                        + "the current window");
            }
            return operation;
        };
    }
}
