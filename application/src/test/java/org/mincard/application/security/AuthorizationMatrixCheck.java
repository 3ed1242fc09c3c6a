package org.mincard.application.security;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix, checked cell by cell over HTTP against {@link AuthorizationRules}. The endpoints come
 * from the running application itself (every handler method, every exposed actuator endpoint and health group), so
 * an endpoint added without a rule fails {@link #findsARule_whenAnyEndpointIsMapped}. Subclasses say how each role authenticates.
 */
abstract class AuthorizationMatrixCheck {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    PathMappedEndpoints actuatorEndpoints;

    @Autowired
    WebEndpointProperties actuatorProperties;

    @Autowired
    HealthEndpointGroups healthGroups;

    @Autowired
    SecuritySettings settings;

    /** Headers that authenticate as a user of this role. */
    abstract HttpHeaders credentials(Role role);

    record Endpoint(HttpMethod method, String pattern, String samplePath, String origin) {

        @Override
        public String toString() {
            return method + " " + samplePath;
        }
    }

    @Test
    void findsARule_whenAnyEndpointIsMapped() {
        List<AuthorizationRule> rules = AuthorizationRules.all(settings);

        List<Endpoint> withoutRule = endpoints().stream()
                .filter(endpoint -> ruleFor(rules, endpoint).isEmpty())
                .toList();

        assertThat(withoutRule)
                .as("endpoints without a row in AuthorizationRules.API (they are denied to everyone)")
                .isEmpty();
    }

    @Test
    void findsAnEndpoint_whenApiRuleExists() {
        Set<String> mapped = new LinkedHashSet<>();
        endpoints().forEach(endpoint -> mapped.add(endpoint.method() + " " + endpoint.pattern()));

        List<AuthorizationRule> stale = AuthorizationRules.API.stream()
                .filter(rule -> !mapped.contains(rule.method() + " " + rule.pattern()))
                .toList();

        assertThat(stale).as("rules whose method and pattern no controller maps").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> answersAsTheRuleSays_whenEachCallerCallsEachEndpoint() {
        List<AuthorizationRule> rules = AuthorizationRules.all(settings);
        List<DynamicTest> cells = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            Optional<AuthorizationRule> found = ruleFor(rules, endpoint);
            if (found.isEmpty()) {
                continue;
            }
            AuthorizationRule rule = found.get();
            cells.add(DynamicTest.dynamicTest(endpoint + " as anonymous", () -> {
                ResponseEntity<String> answer = call(endpoint, new HttpHeaders());
                if (rule.anonymous()) {
                    assertThat(answer.getStatusCode().value()).as(endpoint + " anonymous").isNotIn(401, 403);
                } else {
                    assertThat(answer.getStatusCode()).as(endpoint + " anonymous").isEqualTo(HttpStatus.UNAUTHORIZED);
                    assertProblem(answer);
                    assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNotBlank();
                }
            }));
            for (Role role : Role.staff()) {
                cells.add(DynamicTest.dynamicTest(endpoint + " as " + role, () -> {
                    ResponseEntity<String> answer = call(endpoint, credentials(role));
                    if (rule.allows(role)) {
                        assertThat(answer.getStatusCode().value()).as(endpoint + " as " + role).isNotIn(401, 403);
                    } else {
                        assertThat(answer.getStatusCode()).as(endpoint + " as " + role)
                                .isEqualTo(HttpStatus.FORBIDDEN);
                        assertProblem(answer);
                    }
                }));
            }
        }
        return cells.stream();
    }

    @Test
    void deniesEvenAdmins_whenPathHasNoRule() {
        Endpoint unknown = new Endpoint(HttpMethod.GET, "/api/v1/no-such-thing", "/api/v1/no-such-thing", "test");

        assertThat(call(unknown, new HttpHeaders()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(unknown, credentials(Role.ADMIN)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : handlerMapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            Set<HttpMethod> methods = new LinkedHashSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(HttpMethod.valueOf(method.name())));
            if (methods.isEmpty()) {
                methods.add(HttpMethod.GET);
                methods.add(HttpMethod.POST);
            }
            for (String pattern : info.getPatternValues()) {
                if (ConsolePaths.isConsole(pattern)) {
                    // The console's own filter chain and role table (ConsoleSecurityIT), not the API's.
                    continue;
                }
                for (HttpMethod method : methods) {
                    endpoints.add(new Endpoint(method, pattern, sample(pattern),
                            mapping.getValue().getBeanType().getSimpleName()));
                }
            }
        }
        String base = actuatorProperties.getBasePath();
        endpoints.add(new Endpoint(HttpMethod.GET, base, base, "actuator"));
        for (String path : actuatorEndpoints.getAllPaths()) {
            endpoints.add(new Endpoint(HttpMethod.GET, path, path, "actuator"));
        }
        for (String group : healthGroups.getNames()) {
            String path = actuatorEndpoints.getPath(
                    EndpointId.of("health")) + "/" + group;
            endpoints.add(new Endpoint(HttpMethod.GET, path, path, "actuator"));
        }
        endpoints.add(new Endpoint(HttpMethod.GET, "/swagger-ui/**", "/swagger-ui/index.html", "static"));
        // One controller may map a path twice (e.g. /error for HTML and for JSON); one check per path is enough.
        Set<String> seen = new HashSet<>();
        return endpoints.stream().filter(endpoint -> seen.add(endpoint.method() + " " + endpoint.pattern())).toList();
    }

    private static Optional<AuthorizationRule> ruleFor(List<AuthorizationRule> rules, Endpoint endpoint) {
        MockHttpServletRequest request = new MockHttpServletRequest(endpoint.method().name(), endpoint.samplePath());
        return AuthorizationRules.ruleFor(rules, request);
    }

    /** A concrete path for a pattern: every variable becomes a fresh UUID, which every id parameter accepts. */
    private static String sample(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]+}", UUID.randomUUID().toString());
    }

    private ResponseEntity<String> call(Endpoint endpoint, HttpHeaders credentials) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(credentials);
        boolean hasBody = endpoint.method() == HttpMethod.POST || endpoint.method() == HttpMethod.PUT
                || endpoint.method() == HttpMethod.PATCH;
        if (hasBody) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        // An empty object: enough to pass authorization and be refused by validation, never to change anything.
        HttpEntity<String> request = new HttpEntity<>(hasBody ? "{}" : null, headers);
        return rest.exchange(endpoint.samplePath(), endpoint.method(), request, String.class);
    }

    private static void assertProblem(ResponseEntity<String> answer) {
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).contains("\"status\"").doesNotContain("Exception").doesNotContain("trace");
    }
}
