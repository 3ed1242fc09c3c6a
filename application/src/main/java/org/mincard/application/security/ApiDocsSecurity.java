package org.mincard.application.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.mincard.application.web.ApiDocs;
import org.mincard.domain.shared.Role;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.List;
import java.util.Optional;

/**
 * Tells API clients and Swagger UI how to authenticate (HTTP Basic in demo mode; in JWT mode the city's OpenID
 * provider, discovered from the configured issuer, or a bearer token obtained elsewhere), and documents on every
 * operation the answers of the security filter chain, derived from {@link AuthorizationRules}: 401 unless the
 * operation is public, 403 when a role may not call it, 429 for a demo user name locked after wrong passwords
 * (ADR 0025).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {

    static final String DEMO_SCHEME = "demoUser";
    static final String OPENID_SCHEME = "openId";
    static final String BEARER_SCHEME = "bearerToken";

    private final SecuritySettings settings;

    ApiDocsSecurity(SecuritySettings settings) {
        this.settings = settings;
    }

    @Bean
    OpenApiCustomizer securitySchemes() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            if (settings.mode() == SecuritySettings.Mode.DEMO) {
                scheme(api, DEMO_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Built-in demo users; see docs/security.md"));
                return;
            }
            scheme(api, OPENID_SCHEME, new SecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                    .openIdConnectUrl(discovery(settings.jwt().issuerUri()))
                    .description("Sign in at the city's identity provider (authorization code with PKCE); the "
                            + "access token must carry the configured audience and a mincard role (docs/security.md)"));
            scheme(api, BEARER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("An access token of the city's identity provider, obtained "
                            + "elsewhere"));
        };
    }

    /** The provider's OpenID discovery document (OpenID Connect Discovery 1.0, section 4). */
    static String discovery(String issuerUri) {
        String issuer = issuerUri.endsWith("/") ? issuerUri.substring(0, issuerUri.length() - 1) : issuerUri;
        return issuer + "/.well-known/openid-configuration";
    }

    private static void scheme(OpenAPI api, String name, SecurityScheme scheme) {
        api.getComponents().addSecuritySchemes(name, scheme);
        api.addSecurityItem(new SecurityRequirement().addList(name));
    }

    @Bean
    OperationCustomizer securityAnswers() {
        List<AuthorizationRule> rules = AuthorizationRules.all(settings);
        return (operation, handler) -> {
            if (!ApiDocs.isApi(handler)) {
                return operation;
            }
            Optional<AuthorizationRule> rule = ruleOf(rules, handler);
            if (rule.isEmpty()) {
                // No row: denied to everyone (AuthorizationMatrixIT fails on such a mapping).
                ApiDocs.problem(operation, 401, "No credentials, or credentials that are not valid");
                ApiDocs.problem(operation, 403, "No role may call this");
                return operation;
            }
            if (rule.get().anonymous()) {
                operation.setSecurity(List.of(new SecurityRequirement()));
                return operation;
            }
            unauthenticated(operation);
            List<Role> allowed = Role.staff().stream().filter(rule.get()::allows).sorted().toList();
            operation.addExtension("x-mincard-roles", allowed.stream().map(Role::name).toList());
            if (allowed.size() < Role.staff().size()) {
                ApiDocs.problem(operation, 403, "Your role may not make this request (roles: "
                        + String.join(", ", allowed.stream().map(Role::name).toList()) + ")");
            }
            if (settings.mode() == SecuritySettings.Mode.DEMO) {
                ApiDocs.problemWithRetryAfter(operation, 429, "Too many wrong passwords for this demo user name; "
                        + "it is locked for a while");
            }
            return operation;
        };
    }

    private static void unauthenticated(Operation operation) {
        ApiDocs.problem(operation, 401, "No credentials, or credentials that are not valid");
        operation.getResponses().get("401").addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header()
                .description("How to authenticate (Basic or Bearer)").schema(new StringSchema()));
    }

    /** The matrix row of the handler's mapping: method and pattern written exactly as the mapping writes them. */
    private static Optional<AuthorizationRule> ruleOf(List<AuthorizationRule> rules, HandlerMethod handler) {
        for (String path : ApiDocs.paths(handler)) {
            for (RequestMethod method : ApiDocs.methods(handler)) {
                Optional<AuthorizationRule> rule = rules.stream()
                        .filter(candidate -> candidate.pattern().equals(path)
                                && (candidate.method() == null || candidate.method().name().equals(method.name())))
                        .findFirst();
                if (rule.isPresent()) {
                    return rule;
                }
            }
        }
        return Optional.empty();
    }
}
