package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers, CORS, actuator exposure and error bodies of the embedded default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHardeningIT {

    @Autowired
    TestRestTemplate rest;

    @Test
    void sendsStrictHeaders_whenApiAnswers() {
        ResponseEntity<String> answer = asClerk().getForEntity("/api/v1/cases/" + UUID.randomUUID(), String.class);

        HttpHeaders headers = answer.getHeaders();
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo(SecurityConfig.API_CSP);
        assertThat(headers.getCacheControl()).contains("no-store");
        assertThat(headers.containsKey("Server")).isFalse();
        assertThat(headers.containsKey("Strict-Transport-Security")).as("plain HTTP gets no HSTS").isFalse();
    }

    @Test
    void relaxesContentSecurityPolicy_whenPageIsSwaggerUi() {
        ResponseEntity<String> page = rest.getForEntity("/swagger-ui/index.html", String.class);
        ResponseEntity<String> docs = rest.getForEntity("/v3/api-docs", String.class);

        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(SecurityConfig.SWAGGER_UI_CSP);
        assertThat(docs.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(SecurityConfig.API_CSP);
    }

    @Test
    void answersNoCorsHeaders_whenNoOriginIsConfigured() {
        HttpHeaders headers = new HttpHeaders();
        headers.setOrigin("https://evil.example");
        headers.setAccessControlRequestMethod(HttpMethod.POST);

        ResponseEntity<String> preflight = rest.exchange("/api/v1/cases", HttpMethod.OPTIONS,
                new HttpEntity<>(headers), String.class);

        assertThat(preflight.getHeaders().getAccessControlAllowOrigin()).isNull();
        assertThat(preflight.getStatusCode().is2xxSuccessful()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsHealthWithoutDetails_whenAnonymous() {
        ResponseEntity<Map> anonymous = rest.getForEntity("/actuator/health", Map.class);
        ResponseEntity<Map> admin = rest.withBasicAuth("admin", AuthorizationMatrixIT.PASSWORD)
                .getForEntity("/actuator/health", Map.class);

        Map<String, Map<String, Object>> anonymousComponents =
                (Map<String, Map<String, Object>>) anonymous.getBody().get("components");
        Map<String, Map<String, Object>> adminComponents =
                (Map<String, Map<String, Object>>) admin.getBody().get("components");
        assertThat(anonymousComponents.values()).allSatisfy(component ->
                assertThat(component).containsOnlyKeys("status"));
        assertThat(adminComponents.get("db")).containsKey("details");
    }

    @Test
    void answersProblemWithoutFrameworkDetail_whenAuthenticationFails() {
        ResponseEntity<Map> answer = rest.withBasicAuth("clerk-a", "wrong-password")
                .getForEntity("/api/v1/cases/" + UUID.randomUUID(), Map.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"mincard\"");
        assertThat(answer.getBody()).containsOnlyKeys("type", "title", "status", "detail")
                .containsEntry("type", SecurityProblems.UNAUTHENTICATED.toString());
    }

    @Test
    void answersProblemWithoutFrameworkDetail_whenRoleIsRefused() {
        ResponseEntity<Map> answer = rest.withBasicAuth("auditor", AuthorizationMatrixIT.PASSWORD)
                .getForEntity("/api/v1/cases/" + UUID.randomUUID(), Map.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer.getBody()).containsOnlyKeys("type", "title", "status", "detail")
                .containsEntry("type", SecurityProblems.FORBIDDEN.toString());
    }

    @Test
    void answersErrorsWithoutStackTraceOrVersions_whenRequestIsMalformed() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("clerk-a", AuthorizationMatrixIT.PASSWORD);
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<String> malformed = rest.exchange("/api/v1/cases", HttpMethod.POST,
                new HttpEntity<>("{not json", headers), String.class);
        ResponseEntity<String> direct = rest.getForEntity("/error", String.class);

        for (ResponseEntity<String> answer : List.of(malformed, direct)) {
            assertThat(answer.getBody()).doesNotContain("trace").doesNotContain("exception")
                    .doesNotContain("Exception").doesNotContain("springframework").doesNotContain("Tomcat");
        }
    }

    @Test
    void countsRefusalsByRuleAndRole_withoutThePathsTheyCarried() {
        String cardNumber = "4000123412341234";
        rest.withBasicAuth("auditor", AuthorizationMatrixIT.PASSWORD)
                .getForEntity("/api/v1/cases/" + UUID.randomUUID() + "/personal-data", String.class);
        rest.getForEntity("/api/v1/cards/" + cardNumber, String.class);

        String metrics = rest.withBasicAuth("admin", AuthorizationMatrixIT.PASSWORD)
                .getForObject("/actuator/prometheus", String.class);

        assertThat(metrics).contains("mincard_security_refusals_total{role=\"AUDITOR\","
                + "rule=\"GET /api/v1/cases/{caseId}/personal-data\",status=\"403\"}");
        assertThat(metrics).contains("role=\"none\"").contains("status=\"401\"");
        // The test's own HTTP client records its URIs in the same registry; the service's metrics must not.
        assertThat(metrics.lines().filter(line -> line.startsWith("mincard_") || line.startsWith("http_server_")))
                .isNotEmpty().noneMatch(line -> line.contains(cardNumber));
    }

    private TestRestTemplate asClerk() {
        return rest.withBasicAuth("clerk-a", AuthorizationMatrixIT.PASSWORD);
    }
}
