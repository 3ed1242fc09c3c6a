package org.mincard.application.security;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** Wires {@link ActorMetadataInterceptor} into Axon: on the command bus for commands, by correlation for what they cause. */
@Configuration(proxyBeanMethods = false)
class ActorMetadataConfig {

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(ActorMetadataInterceptor.KEYS.toArray(String[]::new));
    }

    /** Axon drops its default provider once any other is declared; correlation and trace ids must stay. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    /**
     * Registers on the bus, not the gateway, so that commands sent to the bus directly are covered as well. A bean
     * of its own: Axon's configuration needs the providers above before the bus exists.
     */
    @Component
    static class Registration {

        Registration(CommandBus commandBus, CurrentActor currentActor) {
            commandBus.registerDispatchInterceptor(new ActorMetadataInterceptor(currentActor));
        }
    }
}
