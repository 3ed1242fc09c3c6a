package org.mincard.application.consistency;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.util.Set;

/**
 * Puts the {@code Consistency-Token} on every successful answer to a state-changing request: the event-store head
 * right after the command committed, so it covers the command's own events. Reads presenting it wait for their read
 * models ({@link ConsistencyWebConfig}).
 */
@RestControllerAdvice
class ConsistencyTokenAdvice implements ResponseBodyAdvice<Object> {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ConsistencyTokens tokens;

    ConsistencyTokenAdvice(ConsistencyTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!READS.contains(request.getMethod().name()) && response instanceof ServletServerHttpResponse servlet
                && servlet.getServletResponse().getStatus() < 400) {
            tokens.current().ifPresent(token -> response.getHeaders().set(ConsistencyTokens.HEADER, token));
        }
        return body;
    }
}
