package org.mincard.application.retention;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The legal-hold register must never diverge from the hold events: a failure there fails the command. */
@Configuration(proxyBeanMethods = false)
class RetentionAxonConfig {

    @Bean
    ConfigurerModule retentionHoldsFailLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler("retention-holds", c -> PropagatingErrorHandler.instance());
    }
}
