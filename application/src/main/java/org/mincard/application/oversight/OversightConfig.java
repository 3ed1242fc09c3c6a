package org.mincard.application.oversight;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the chainer's and the checkpoints' schedules and binds the oversight settings. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OversightProperties.class)
class OversightConfig {

    /** Retention replaces this with its legal holds (a bean of type LegalHolds). */
    @org.springframework.context.annotation.Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(LegalHolds.class)
    LegalHolds noLegalHolds() {
        return LegalHolds.NONE;
    }
}
