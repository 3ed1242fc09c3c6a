package org.mincard.application.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.mincard.domain.shared.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything about who may call the service. Documented key by key in docs/config/security.md.
 *
 * @param mode             how callers authenticate: built-in demo users (the embedded default) or JWTs of the
 *                         city's identity provider
 * @param publicPrometheus whether /actuator/prometheus answers without authentication (otherwise ADMIN only)
 * @param publicApiDocs    whether the OpenAPI description and Swagger UI answer without authentication
 *                         (otherwise any authenticated role)
 */
@Validated
@ConfigurationProperties("mincard.security")
record SecuritySettings(
        @NotNull @DefaultValue("demo") Mode mode,
        @DefaultValue("false") boolean publicPrometheus,
        @DefaultValue("true") boolean publicApiDocs,
        @Valid @DefaultValue Cors cors,
        @Valid @DefaultValue Demo demo,
        @Valid @DefaultValue Jwt jwt) {

    enum Mode {
        DEMO, JWT
    }

    /** Cross-origin calls are refused unless an origin is listed here (exact origins, no wildcards). */
    record Cors(List<String> allowedOrigins) {

        Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    /**
     * @param password                  the password of every demo user; blank means generated once and kept in
     *                                  {@code passwordFile}, readable by its owner only
     * @param allowWithExternalDatabase demo users normally refuse to start against a database the operator
     *                                  configured; this is the explicit opt-in for a shared demo or training system
     * @param users                     further demo users, beside the built-in ones (tests use this)
     */
    record Demo(String password, Path passwordFile, @DefaultValue("false") boolean allowWithExternalDatabase,
                Map<String, @Valid User> users) {

        Demo {
            users = users == null ? Map.of() : Map.copyOf(users);
        }

        record User(@NotBlank String password, @NotNull Role role, Set<UUID> sites,
                    @DefaultValue("false") boolean allSites) {

            User {
                sites = sites == null ? Set.of() : Set.copyOf(sites);
            }
        }
    }

    /**
     * @param issuerUri         the {@code iss} every token must carry; also where signing keys are discovered when
     *                          neither {@code jwkSetUri} nor {@code publicKeyLocation} is set
     * @param jwkSetUri         where the identity provider publishes its signing keys
     * @param publicKeyLocation a PEM RSA public key instead of a key set (identity providers with a fixed key, tests)
     * @param audiences         if set, a token's {@code aud} must contain one of these
     * @param userIdClaim       the claim with the opaque user id
     * @param roleClaim         the claim with the role (a string or a list); dots descend into nested objects
     * @param siteClaim         the claim with the site ids (a string or a list of UUIDs)
     * @param allSitesValue     the site value that grants every site (supervisors only)
     * @param roleValues        identity-provider values mapped to roles; the role names themselves always work
     */
    record Jwt(String issuerUri, String jwkSetUri, Resource publicKeyLocation, List<String> audiences,
               @NotBlank @DefaultValue("sub") String userIdClaim,
               @NotBlank @DefaultValue("roles") String roleClaim,
               @NotBlank @DefaultValue("sites") String siteClaim,
               @NotBlank @DefaultValue("*") String allSitesValue,
               Map<String, Role> roleValues,
               @DefaultValue("RS256") List<String> jwsAlgorithms,
               @NotNull @DefaultValue("60s") Duration clockSkew) {

        Jwt {
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
            roleValues = roleValues == null ? Map.of() : Map.copyOf(roleValues);
            jwsAlgorithms = jwsAlgorithms == null ? List.of("RS256") : List.copyOf(jwsAlgorithms);
        }
    }
}
