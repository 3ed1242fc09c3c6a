package org.mincard.application.oversight;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on the chainer's and the checkpoints' schedules and binds the oversight settings. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(OversightProperties.class)
class OversightConfig {

    /** A failure to write the register fails the command and rolls back its events, as for the card registry. */
    @Bean
    ConfigurerModule requestRegisterErrors() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler("request-register",
                c -> PropagatingErrorHandler.instance());
    }
}
