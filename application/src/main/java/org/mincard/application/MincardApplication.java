package org.mincard.application;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(scanBasePackages = "org.mincard")
@ConfigurationPropertiesScan("org.mincard")
public class MincardApplication {

    public static void main(String[] args) {
        // A city deployment must not phone home; Axon 4.12.2 reads only this switch, not its Spring property.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(MincardApplication.class, args);
    }
}
