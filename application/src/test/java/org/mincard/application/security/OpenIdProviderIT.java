package org.mincard.application.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * mincard against a real OpenID provider (Spring Authorization Server in this JVM), configured only with the settings
 * docs/security.md documents: issuer, audience, role claim, and the role map from the environment variable
 * {@code MINCARD_JWT_ROLE_VALUES}. The service starts before the provider does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenIdProviderIT {

    static final OpenIdProvider PROVIDER = new OpenIdProvider(OpenIdProvider.freePort());

    @Autowired
    TestRestTemplate rest;

    @DynamicPropertySource
    static void documentedSettingsOnly(DynamicPropertyRegistry registry) {
        registry.add("mincard.security.mode", () -> "jwt");
        registry.add("mincard.security.jwt.issuer-uri", PROVIDER::issuer);
        registry.add("mincard.security.jwt.audiences", () -> OpenIdProvider.AUDIENCE);
        registry.add("mincard.security.jwt.role-claim", () -> "groups");
        // application.yml reads the role map from this environment variable; a property of that name stands in.
        registry.add("MINCARD_JWT_ROLE_VALUES",
                () -> "{\"mincard-clerk\": \"CLERK\", \"mincard-supervisor\": \"SUPERVISOR\"}");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    @Order(1)
    void answers503WhileProviderIsDown_andAcceptsItsTokensOnceItIsUp() throws Exception {
        assertThat(PROVIDER.running()).as("the service started while the provider was down").isFalse();

        ResponseEntity<String> whileDown = readCase(tokenLookingLikeTheProvidersOwn());

        assertThat(whileDown.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(whileDown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(whileDown.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(whileDown.getBody()).contains("urn:mincard:problem:authentication-unavailable");

        PROVIDER.start();
        String token = PROVIDER.token(OpenIdProvider.CLERK);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(readCase(token).getStatusCode()).as("accepted: an unknown case answers 404")
                        .isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    @Order(2)
    void acceptsRfc9068AccessToken_whenIssuedByClientCredentialsFlow() throws Exception {
        PROVIDER.start();
        String token = PROVIDER.token(OpenIdProvider.CLERK);

        ResponseEntity<String> answer = submitCase(token);

        assertThat(SignedJWT.parse(token).getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    @Order(2)
    void actsAsSupervisor_whenGroupIsMappedToSupervisor() {
        PROVIDER.start();

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(PROVIDER.token(OpenIdProvider.SUPERVISOR));
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<String> reassignment = rest.exchange("/api/v1/queues/reassignments", HttpMethod.POST,
                new HttpEntity<>("{}", headers), String.class);

        assertThat(reassignment.getStatusCode().value()).as("supervisors only: authorization let it through")
                .isNotIn(401, 403);
    }

    @Test
    @Order(2)
    void refusesForeignAdminGroup_whenNotListedInTheRoleMap() {
        PROVIDER.start();
        String token = PROVIDER.token(OpenIdProvider.FOREIGN_ADMIN);

        ResponseEntity<String> admin = get("/api/v1/admin/dead-letters", token);
        ResponseEntity<String> metrics = get("/actuator/prometheus", token);

        assertThat(admin.getStatusCode()).as("a group called admin names no mincard role")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(admin.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    @Order(2)
    void refusesToken_whenProviderIssuesItForTenYears() {
        PROVIDER.start();

        ResponseEntity<String> answer = readCase(PROVIDER.token(OpenIdProvider.LONG_LIVED));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** Signed by a key the provider never had: whatever happens, it must not be a 500 or a success. */
    private static String tokenLookingLikeTheProvidersOwn() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("at+jwt")).keyID("unknown").build(),
                new JWTClaimsSet.Builder().issuer(PROVIDER.issuer()).audience(OpenIdProvider.AUDIENCE)
                        .subject("someone").claim("groups", List.of("mincard-clerk"))
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) generator.generateKeyPair().getPrivate()));
        return jwt.serialize();
    }

    private ResponseEntity<String> readCase(String token) {
        return get("/api/v1/cases/" + UUID.randomUUID(), token);
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private ResponseEntity<String> submitCase(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.exchange("/api/v1/cases", HttpMethod.POST, new HttpEntity<>(
                Map.of("type", "NEW", "siteId", DemoUsers.SITE_A.toString(),
                        "applicant", Map.of("legalName", "Provider Applicant", "dateOfBirth", "1990-01-01")),
                headers), String.class);
    }
}
