package org.mincard.application.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Building blocks for the OpenAPI description (ADR 0025). Each module documents the answers its own filters and
 * refusals give, through an {@code OperationCustomizer} that derives them from the handler's mapping; these helpers
 * keep every documented problem on the one {@code Problem} schema and let several modules add to one operation
 * (a path served as JSON and CSV is one operation built from two handlers) without repeating a parameter.
 */
public final class ApiDocs {

    /** The media type of every refusal. */
    public static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** The component schema of an RFC 9457 problem with mincard's extension members. */
    public static final String PROBLEM_SCHEMA = "Problem";

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private static final Set<RequestMethod> STATE_CHANGING = EnumSet.of(RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE);

    private ApiDocs() {
    }

    /**
     * Documents a problem+json answer on the operation. When another module already documented that status, its
     * description is kept and this one is added to it, so that every cause of the status is listed.
     */
    public static void problem(Operation operation, int status, String description) {
        problem(operation, status, description, null);
    }

    /** As {@link #problem(Operation, int, String)}, with the {@code Retry-After} header the answer carries. */
    public static void problemWithRetryAfter(Operation operation, int status, String description) {
        problem(operation, status, description, new Header().description("Seconds to wait before retrying")
                .schema(new IntegerSchema().minimum(BigDecimal.ONE)));
    }

    private static void problem(Operation operation, int status, String description, Header retryAfter) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.setResponses(responses);
        }
        String code = Integer.toString(status);
        ApiResponse response = responses.get(code);
        if (response == null) {
            response = new ApiResponse().description(description);
            responses.addApiResponse(code, response);
        } else if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(description);
        } else if (!response.getDescription().contains(description)) {
            response.setDescription(response.getDescription() + "; or: " + description);
        }
        response.setContent(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
        if (retryAfter != null) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter);
        }
    }

    /** Adds the parameter unless the operation already has one of that name and location. */
    public static void parameter(Operation operation, Parameter parameter) {
        if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(existing ->
                existing.getName().equals(parameter.getName()) && existing.getIn().equals(parameter.getIn()))) {
            return;
        }
        operation.addParametersItem(parameter);
    }

    /** The HTTP methods the handler is mapped to (method and class level). */
    public static Set<RequestMethod> methods(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        Set<RequestMethod> methods = EnumSet.noneOf(RequestMethod.class);
        if (mapping != null) {
            methods.addAll(Set.of(mapping.method()));
        }
        return methods;
    }

    /** The path patterns the handler is mapped to, class-level prefix included ({@code /api/v1/cases/{caseId}}). */
    public static List<String> paths(HandlerMethod handler) {
        List<String> prefixes = patterns(AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(),
                RequestMapping.class));
        List<String> own = patterns(AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                RequestMapping.class));
        List<String> paths = new ArrayList<>();
        for (String prefix : prefixes) {
            for (String path : own) {
                paths.add(prefix + path);
            }
        }
        return paths;
    }

    /** Whether any of the handler's paths matches one of the Ant-style patterns. */
    public static boolean mappedUnder(HandlerMethod handler, List<String> patterns) {
        return paths(handler).stream().anyMatch(path -> patterns.stream()
                .anyMatch(pattern -> PATHS.match(pattern, path)));
    }

    private static List<String> patterns(RequestMapping mapping) {
        if (mapping == null || mapping.path().length == 0) {
            return List.of("");
        }
        return List.of(mapping.path());
    }

    /** Whether the handler serves a method that may change state (POST, PUT, PATCH, DELETE). */
    public static boolean changesState(HandlerMethod handler) {
        return methods(handler).stream().anyMatch(STATE_CHANGING::contains);
    }

    /** Whether the handler belongs to the JSON API (not the console's screens, not Spring's own controllers). */
    public static boolean isApi(HandlerMethod handler) {
        String module = handler.getBeanType().getPackageName();
        return module.startsWith("org.mincard.application") && !module.contains(".console");
    }
}
