package org.mincard.application.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.mincard.application.config.SecretSetting;
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
 * @param metricsScraper   a credential that may read /actuator/prometheus and nothing else
 */
@Validated
@ConfigurationProperties("mincard.security")
record SecuritySettings(
        @NotNull @DefaultValue("demo") Mode mode,
        @DefaultValue("false") boolean publicPrometheus,
        @DefaultValue("true") boolean publicApiDocs,
        @Valid @DefaultValue Cors cors,
        @Valid @DefaultValue Demo demo,
        @Valid @DefaultValue Jwt jwt,
        @Valid @DefaultValue MetricsScraper metricsScraper) {

    enum Mode {
        DEMO, JWT
    }

    /**
     * Prometheus's own login (HTTP Basic, in both modes): it reads {@code GET /actuator/prometheus} and is refused
     * everywhere else. Off while no password is set.
     *
     * @param username the scraper's user name (not a demo user's or a token's)
     * @param password {@code password.value} or {@code password.file}, as every secret (README "Secret keys")
     */
    record MetricsScraper(@NotBlank @DefaultValue("metrics-scraper") String username, SecretSetting password) {

        MetricsScraper {
            password = password == null ? SecretSetting.NONE : password;
        }

        boolean enabled() {
            return password.isSet();
        }
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
     * @param minPasswordLength         a configured demo password (the shared one or a further user's) shorter
     *                                  than this, or made of one repeated character, refuses the start
     * @param lockout                   wrong passwords per user name before that name is refused for a while
     */
    record Demo(String password, Path passwordFile, @DefaultValue("false") boolean allowWithExternalDatabase,
                Map<String, @Valid User> users,
                @Min(8) @DefaultValue("12") int minPasswordLength,
                @Valid @DefaultValue Lockout lockout) {

        Demo {
            users = users == null ? Map.of() : Map.copyOf(users);
        }

        /**
         * @param maxFailures wrong passwords for one user name within {@code window} that lock it
         * @param window      how far back failures count, and how long a locked name stays refused (429)
         * @param maxTracked  user names tracked at once (memory bound; the oldest entries go first)
         */
        record Lockout(@Min(1) @DefaultValue("5") int maxFailures,
                       @NotNull @DefaultValue("15m") Duration window,
                       @Min(100) @DefaultValue("10000") int maxTracked) {
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
     * @param roleValues        identity-provider values mapped to roles; only these values name a role, unless
     *                          {@code acceptRoleNames} is set
     * @param roleValuesJson    more of the same as one JSON object ({@code {"mincard-clerk":"CLERK"}}), so that the
     *                          whole map fits one environment variable ({@code MINCARD_JWT_ROLE_VALUES})
     * @param acceptRoleNames   whether the bare role names ({@code CLERK}, {@code records-officer}) name a role too;
     *                          off, because another application's group called {@code admin} must not become ADMIN
     * @param maxTokenLifetime  the longest lifetime accepted, from {@code iat} (else {@code nbf}, else now) to
     *                          {@code exp}; at most a day
     * @param clockSkew         tolerance for {@code exp} and {@code nbf}; at most five minutes
     * @param providerTimeout   connect and read timeout for the provider's discovery document and key set
     */
    record Jwt(String issuerUri, String jwkSetUri, Resource publicKeyLocation, List<String> audiences,
               @NotBlank @DefaultValue("sub") String userIdClaim,
               @NotBlank @DefaultValue("roles") String roleClaim,
               @NotBlank @DefaultValue("sites") String siteClaim,
               @NotBlank @DefaultValue("*") String allSitesValue,
               Map<String, Role> roleValues,
               String roleValuesJson,
               @DefaultValue("false") boolean acceptRoleNames,
               @DefaultValue("RS256") List<String> jwsAlgorithms,
               @NotNull @DefaultValue("1h") Duration maxTokenLifetime,
               @NotNull @DefaultValue("60s") Duration clockSkew,
               @NotNull @DefaultValue("5s") Duration providerTimeout) {

        Jwt {
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
            roleValues = RoleValues.merge(roleValues, roleValuesJson);
            jwsAlgorithms = jwsAlgorithms == null ? List.of("RS256") : List.copyOf(jwsAlgorithms);
        }
    }
}
