package org.mincard.application.oversight;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the chainer's and the checkpoints' schedules and binds the oversight settings. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OversightProperties.class)
class OversightConfig {

    /** A failure to write the register fails the command and rolls back its events, as for the card registry. */
    @org.springframework.context.annotation.Bean
    org.axonframework.config.ConfigurerModule requestRegisterErrors() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler("request-register",
                c -> org.axonframework.eventhandling.PropagatingErrorHandler.instance());
    }
}
