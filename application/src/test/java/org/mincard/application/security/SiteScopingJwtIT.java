package org.mincard.application.security;

import org.mincard.domain.shared.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Site scoping in production mode: the sites come from the identity provider's token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiteScopingJwtIT extends SiteScopingCheck {

    static final TestTokens IDP = new TestTokens();

    @DynamicPropertySource
    static void jwtMode(DynamicPropertyRegistry registry) {
        registry.add("mincard.security.mode", () -> "jwt");
        registry.add("mincard.security.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("mincard.security.jwt.public-key-location", () -> IDP.publicKeyPem.toUri().toString());
        registry.add("mincard.security.jwt.audiences", () -> TestTokens.AUDIENCE);
        registry.add("mincard.security.jwt.role-claim", () -> "realm_access.roles");
        for (Role role : Role.values()) {
            registry.add("mincard.security.jwt.role-values[" + JwtAuthenticationIT.roleValue(role) + "]", role::name);
        }
    }

    @Override
    HttpHeaders as(Role role, UUID site) {
        return bearer(IDP.token("scope-" + role + "-" + site, Map.of(
                "realm_access", Map.of("roles", List.of(JwtAuthenticationIT.roleValue(role))),
                "sites", List.of(site.toString()))));
    }

    @Override
    HttpHeaders recordsOfficer() {
        return bearer(IDP.token("scope-records-officer", Map.of(
                "realm_access", Map.of("roles", List.of(JwtAuthenticationIT.roleValue(Role.RECORDS_OFFICER))))));
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }
}
