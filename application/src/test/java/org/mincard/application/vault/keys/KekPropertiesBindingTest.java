package org.mincard.application.vault.keys;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KekPropertiesBindingTest {

    @Test
    void bindsKeksFromEnvironmentVariables_whenIdsAreLowerCaseLettersAndDigits() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "MINCARD_VAULT_KEK_KEYS_KEK2027_VALUE", "bmV3",
                "MINCARD_VAULT_KEK_KEYS_KEK2026_FILE", "/run/secrets/kek2026",
                "MINCARD_VAULT_KEK_CURRENT_ID", "kek2027")));

        KekProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bind("mincard.vault.kek", KekProperties.class).get();

        assertThat(properties.currentId()).isEqualTo("kek2027");
        assertThat(properties.keys()).containsOnlyKeys("kek2027", "kek2026");
        assertThat(properties.keys().get("kek2027").value()).isEqualTo("bmV3");
        assertThat(properties.keys().get("kek2026").file()).hasToString("/run/secrets/kek2026");
    }
}
