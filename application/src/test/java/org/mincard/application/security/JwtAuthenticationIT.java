package org.mincard.application.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.mincard.application.web.RedoclyLinter;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production mode: JWTs of an identity provider, here one made in the test. Shaped like Keycloak (roles under
 * realm_access.roles, every role through role-values; bare role names are not accepted). A real provider's tokens
 * are in {@link OpenIdProviderIT}. The same context also runs the matrix with the operator switches
 * flipped (Prometheus and API docs not public), CORS for one origin, and TLS reported by a proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtAuthenticationIT extends AuthorizationMatrixCheck {

    static final TestTokens IDP = new TestTokens();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    static final String ALLOWED_ORIGIN = "https://intake.example.org";

    @DynamicPropertySource
    static void jwtMode(DynamicPropertyRegistry registry) {
        registry.add("mincard.security.mode", () -> "jwt");
        registry.add("mincard.security.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("mincard.security.jwt.public-key-location", () -> IDP.publicKeyPem.toUri().toString());
        registry.add("mincard.security.jwt.audiences", () -> TestTokens.AUDIENCE);
        registry.add("mincard.security.jwt.role-claim", () -> "realm_access.roles");
        for (Role role : Role.values()) {
            registry.add("mincard.security.jwt.role-values[" + roleValue(role) + "]", role::name);
        }
        registry.add("mincard.security.public-prometheus", () -> "false");
        registry.add("mincard.security.public-api-docs", () -> "false");
        registry.add("mincard.security.cors.allowed-origins", () -> ALLOWED_ORIGIN);
        registry.add("server.forward-headers-strategy", () -> "framework");
    }

    @Override
    HttpHeaders credentials(Role role) {
        return bearer(IDP.token("user-" + role, Map.of(
                "realm_access", Map.of("roles", List.of(roleValue(role), "offline_access")),
                "sites", List.of(DemoUsers.SITE_A.toString()))));
    }

    /** Keycloak-style realm role names, mapped in role-values: {@code mincard-records-officer}. */
    static String roleValue(Role role) {
        return "mincard-" + role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Test
    void acceptsValidToken_whenSignedByTheProviderForThisService() {
        ResponseEntity<String> answer = submitCase(clerkToken());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void storesTokenSubjectAsActor_whenCaseIsSubmitted() {
        ResponseEntity<String> answer = submitCase(clerkToken());

        String caseId = answer.getHeaders().getLocation().getPath().replace("/api/v1/cases/", "");
        byte[] stored = jdbc.queryForObject("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?",
                byte[].class, caseId);
        MetaData metadata = eventSerializer.deserialize(
                new SimpleSerializedObject<>(stored, byte[].class, MetaData.class.getName(), null));
        assertThat(metadata).containsEntry(ActorMetadataInterceptor.ACTOR_ID, "clerk-1")
                .containsEntry(ActorMetadataInterceptor.ACTOR_ROLE, "CLERK")
                .containsEntry(ActorMetadataInterceptor.ACTOR_SITES, DemoUsers.SITE_A.toString());
    }

    @Test
    void describesBearerAuthentication_whenApiDocsAreRead() {
        ResponseEntity<String> docs = rest.exchange("/v3/api-docs", HttpMethod.GET,
                new HttpEntity<>(credentials(Role.CLERK)), String.class);

        assertThat(docs.getBody()).contains("\"bearerToken\"").contains("\"bearerFormat\":\"JWT\"");
    }

    @Test
    void offersSignInAtTheProvider_andPassesTheLinter_whenApiDocsAreReadInJwtMode() throws Exception {
        ResponseEntity<String> docs = rest.exchange("/v3/api-docs", HttpMethod.GET,
                new HttpEntity<>(credentials(Role.CLERK)), String.class);
        ResponseEntity<String> ui = rest.exchange("/swagger-ui/index.html", HttpMethod.GET,
                new HttpEntity<>(credentials(Role.CLERK)), String.class);

        JsonNode schemes = new ObjectMapper().readTree(docs.getBody()).path("components").path("securitySchemes");
        assertThat(schemes.path("openId").path("type").asText()).isEqualTo("openIdConnect");
        assertThat(schemes.path("openId").path("openIdConnectUrl").asText())
                .isEqualTo(ApiDocsSecurity.discovery(TestTokens.ISSUER)).endsWith("/.well-known/openid-configuration");
        URI issuer = URI.create(TestTokens.ISSUER);
        assertThat(ui.getHeaders().getFirst("Content-Security-Policy"))
                .contains("connect-src 'self' " + issuer.getScheme() + "://" + issuer.getRawAuthority())
                .contains("script-src 'self' 'sha256-");
        RedoclyLinter.lint(RedoclyLinter.write("api-docs-jwt.json", docs.getBody()));
    }

    @Test
    void acceptsMappedRoleValue_whenConfiguredInRoleValues() {
        String token = IDP.token("supervisor-1", Map.of(
                "realm_access", Map.of("roles", List.of("mincard-supervisor")), "sites", List.of("*")));

        assertThat(submitCase(token).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void refuses401_whenTokenExpired() {
        String token = IDP.token(IDP.keys, claims -> clerkClaims(claims)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .notBeforeTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenTokenHasNoExpiry() {
        String token = IDP.token(IDP.keys, claims -> clerkClaims(claims).expirationTime(null));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenTokenLivesTenYears() {
        Instant now = Instant.now();
        String token = IDP.token(IDP.keys, claims -> clerkClaims(claims)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofDays(3650)))));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenLifetimeIsStretchedByAFutureIssueTime() {
        Instant now = Instant.now();
        String token = IDP.token(IDP.keys, claims -> clerkClaims(claims)
                .issueTime(Date.from(now.plus(Duration.ofDays(1))))
                .expirationTime(Date.from(now.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)))));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void accepts_whenTokenIsAnRfc9068AccessTokenOrHasNoType() {
        String accessToken = IDP.token(IDP.keys, new JOSEObjectType("at+jwt"), JwtAuthenticationIT::clerkClaims);
        String untyped = IDP.token(IDP.keys, null, JwtAuthenticationIT::clerkClaims);

        assertThat(submitCase(accessToken).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(submitCase(untyped).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void refuses401_whenTokenIsOfAnotherType() {
        String logoutToken = IDP.token(IDP.keys, new JOSEObjectType("logout+jwt"), JwtAuthenticationIT::clerkClaims);
        String idToken = IDP.token(IDP.keys, new JOSEObjectType("id_token+jwt"), JwtAuthenticationIT::clerkClaims);

        assertUnauthenticated(submitCase(logoutToken));
        assertUnauthenticated(submitCase(idToken));
    }

    @Test
    void refuses401_whenRoleIsABareNameNotInTheRoleMap() {
        String token = IDP.token("user-1", Map.of("realm_access", Map.of("roles", List.of("ADMIN", "admin"))));

        assertUnauthenticated(rest.exchange("/api/v1/admin/dead-letters", HttpMethod.GET,
                new HttpEntity<>(bearer(token)), String.class));
    }

    @Test
    void refuses401_whenIssuerIsAnother() {
        String token = IDP.token(IDP.keys, claims -> clerkClaims(claims).issuer("https://elsewhere.invalid/"));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenSignedWithAnotherKey() {
        String token = IDP.token(IDP.otherKeys, JwtAuthenticationIT::clerkClaims);

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenAudienceIsAnother() {
        String token = IDP.token(IDP.keys, claims -> clerkClaims(claims).audience("another-service"));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenRoleClaimMissing() {
        String token = IDP.token("user-1", Map.of("sites", List.of(DemoUsers.SITE_A.toString())));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenRoleUnknown() {
        String token = IDP.token("user-1", Map.of(
                "realm_access", Map.of("roles", List.of("offline_access", "uma_authorization"))));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenTokenNamesTwoRoles() {
        String token = IDP.token("user-1", Map.of("realm_access",
                Map.of("roles", List.of(roleValue(Role.CLERK), roleValue(Role.ADMIN)))));

        assertUnauthenticated(submitCase(token));
    }

    @Test
    void refuses401_whenTokenIsNotAJwt() {
        assertUnauthenticated(submitCase("not-a-token"));
    }

    @Test
    void refuses403_whenRoleMayNotCallTheEndpoint() {
        String token = IDP.token("auditor-1", Map.of("realm_access", Map.of("roles",
                List.of(roleValue(Role.AUDITOR)))));

        ResponseEntity<String> answer = submitCase(token);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void sendsHsts_whenTheProxyReportsTls() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-Proto", "https");

        ResponseEntity<String> overTls = rest.exchange("/actuator/health", HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
        ResponseEntity<String> plain = rest.getForEntity("/actuator/health", String.class);

        assertThat(overTls.getHeaders().getFirst("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000 ; includeSubDomains");
        assertThat(plain.getHeaders().containsKey("Strict-Transport-Security")).isFalse();
    }

    @Test
    void allowsCrossOriginCall_whenOriginIsListed() {
        ResponseEntity<String> allowed = preflight(ALLOWED_ORIGIN);
        ResponseEntity<String> other = preflight("https://evil.example");

        assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(allowed.getHeaders().getAccessControlAllowOrigin()).isEqualTo(ALLOWED_ORIGIN);
        assertThat(other.getHeaders().getAccessControlAllowOrigin()).isNull();
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<String> preflight(String origin) {
        HttpHeaders headers = new HttpHeaders();
        headers.setOrigin(origin);
        headers.setAccessControlRequestMethod(HttpMethod.POST);
        headers.setAccessControlRequestHeaders(List.of("Authorization", "Content-Type"));
        return rest.exchange("/api/v1/cases", HttpMethod.OPTIONS, new HttpEntity<>(headers), String.class);
    }

    private static JWTClaimsSet.Builder clerkClaims(JWTClaimsSet.Builder claims) {
        return claims.subject("clerk-1")
                .claim("realm_access", Map.of("roles", List.of(roleValue(Role.CLERK))))
                .claim("sites", List.of(DemoUsers.SITE_A.toString()));
    }

    private static String clerkToken() {
        return IDP.token(IDP.keys, JwtAuthenticationIT::clerkClaims);
    }

    private ResponseEntity<String> submitCase(String token) {
        HttpHeaders headers = bearer(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>(
                Map.of("type", "NEW", "siteId", DemoUsers.SITE_A.toString(),
                        "applicant", Map.of("legalName", "Token Applicant", "dateOfBirth", "1990-01-01")),
                headers), String.class);
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    private static void assertUnauthenticated(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(answer.getBody()).contains("urn:mincard:problem:unauthenticated")
                .doesNotContain("Jwt").doesNotContain("expired").doesNotContain("role");
    }
}
