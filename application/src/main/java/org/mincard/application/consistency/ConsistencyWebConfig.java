package org.mincard.application.consistency;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.mincard.application.web.ApiDocs;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Which requests wait for which read models when they present a {@code Consistency-Token}: the processing groups
 * behind each family of reads (docs/architecture.md lists the processors). A request without the header never waits.
 * Command paths that read a read model to choose their targets (reassignments) wait the same way.
 */
@Configuration
class ConsistencyWebConfig implements WebMvcConfigurer {

    private static final String CASE_VIEW = "case-view";
    private static final String WORK_QUEUE = "work-queue";

    private final ConsistencyTokens tokens;

    ConsistencyWebConfig(ConsistencyTokens tokens) {
        this.tokens = tokens;
    }

    /** Reads that wait for a token's effect (the API description documents the header on these). */
    static final List<String> CASE_READS = List.of("/api/v1/cases/**");
    static final List<String> QUEUE_READS = List.of("/api/v1/queues", "/api/v1/queues/**", "/api/v1/dashboard",
            "/api/v1/dashboard/**");
    static final List<String> REPORT_READS = List.of("/api/v1/reports/annual", "/api/v1/reports/annual/**");
    static final List<String> RETENTION_READS = List.of("/api/v1/retention/forecast", "/api/v1/retention/compliance");
    static final List<String> COMMANDS_THAT_READ = List.of("/api/v1/queues/reassignments");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AwaitReadModels(tokens, List.of(CASE_VIEW), false))
                .addPathPatterns(CASE_READS);
        registry.addInterceptor(new AwaitReadModels(tokens, List.of(WORK_QUEUE, CASE_VIEW), false))
                .addPathPatterns(QUEUE_READS);
        // A bulk reassignment chooses its cases from the work queues: with a token it sees the caller's assignments.
        registry.addInterceptor(new AwaitReadModels(tokens, List.of(WORK_QUEUE), true))
                .addPathPatterns(COMMANDS_THAT_READ);
        registry.addInterceptor(new AwaitReadModels(tokens, List.of("annual-figures"), false))
                .addPathPatterns(REPORT_READS);
        registry.addInterceptor(new AwaitReadModels(tokens, List.of("retention-schedule"), false))
                .addPathPatterns(RETENTION_READS);
    }

    static boolean waitsForToken(HandlerMethod handler, boolean read) {
        if (!read) {
            return ApiDocs.mappedUnder(handler, COMMANDS_THAT_READ);
        }
        return ApiDocs.mappedUnder(handler, CASE_READS) || ApiDocs.mappedUnder(handler, QUEUE_READS)
                || ApiDocs.mappedUnder(handler, REPORT_READS) || ApiDocs.mappedUnder(handler, RETENTION_READS);
    }

    /** Waits for the read models before the handler runs, when the request carries a token. */
    private record AwaitReadModels(ConsistencyTokens tokens, List<String> processingGroups, boolean commands)
            implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
            if (read == commands) {
                // Reads wait on read paths; commands (which never read a read model) only where they choose targets.
                return true;
            }
            String token = request.getHeader(ConsistencyTokens.HEADER);
            if (token != null && !token.isBlank()) {
                tokens.await(token.strip(), processingGroups);
            }
            return true;
        }
    }
}
