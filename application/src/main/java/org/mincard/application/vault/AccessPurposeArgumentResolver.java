package org.mincard.application.vault;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives any controller method parameter of type {@link AccessPurpose} the value of the {@code X-Access-Purpose}
 * header. A missing or unknown purpose answers 400 before the method runs, so nothing personal is read or shown.
 */
class AccessPurposeArgumentResolver implements HandlerMethodArgumentResolver {

    public static final String HEADER = "X-Access-Purpose";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AccessPurpose.class;
    }

    @Override
    public AccessPurpose resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                         NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        String[] values = webRequest.getHeaderValues(HEADER);
        if (values == null || values.length == 0 || values[0].isBlank()) {
            throw PurposeRequired.missing();
        }
        if (values.length > 1) {
            throw PurposeRequired.unknown();
        }
        return AccessPurpose.fromHeader(values[0]).orElseThrow(PurposeRequired::unknown);
    }
}
