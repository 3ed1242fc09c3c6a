package org.mincard.application.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/** Built-in users for the embedded demo; production authenticates against the city's identity provider. */
@Validated
@ConfigurationProperties("mincard.security.demo")
record DemoUserProperties(Map<String, DemoUser> users) {

    DemoUserProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    record DemoUser(@NotBlank String password, @NotBlank String role) {
    }
}
