package org.mincard.application;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(scanBasePackages = "org.mincard")
@ConfigurationPropertiesScan("org.mincard")
public class MincardApplication {

    public static void main(String[] args) {
        SpringApplication.run(MincardApplication.class, args);
    }
}
