package org.mincard.application.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Tells API clients and Swagger UI how to authenticate: HTTP Basic in demo mode, a bearer JWT otherwise. */
@Component
class ApiDocsSecurity implements OpenApiCustomizer {

    private final SecuritySettings settings;

    ApiDocsSecurity(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public void customise(OpenAPI api) {
        boolean demo = settings.mode() == SecuritySettings.Mode.DEMO;
        String name = demo ? "demoUser" : "bearerToken";
        SecurityScheme scheme = new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme(demo ? "basic" : "bearer")
                .description(demo ? "Built-in demo users; see docs/security.md"
                        : "An access token of the city's identity provider");
        if (!demo) {
            scheme.bearerFormat("JWT");
        }
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSecuritySchemes(name, scheme);
        api.addSecurityItem(new SecurityRequirement().addList(name));
    }
}
