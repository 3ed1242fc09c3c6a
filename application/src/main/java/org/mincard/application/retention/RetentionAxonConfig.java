package org.mincard.application.retention;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The legal-hold register must never diverge from the hold events: a failure there fails the command. The retention
 * schedule must never skip an event either (a skipped event is data kept past its time, or purged early): a failure
 * there fails the batch, which the processor retries, instead of Axon's default of logging it and going on.
 */
@Configuration(proxyBeanMethods = false)
class RetentionAxonConfig {

    @Bean
    ConfigurerModule retentionHoldsFailLoudly() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler("retention-holds", c -> PropagatingErrorHandler.instance());
    }

    @Bean
    ConfigurerModule retentionScheduleNeverSkipsAnEvent() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler("retention-schedule", c -> PropagatingErrorHandler.instance());
    }
}
