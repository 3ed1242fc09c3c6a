package org.mincard.application.retries;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Hands a request's {@code If-Match} to Axon's own optimistic locking. The dispatch interceptor records each command's
 * target aggregate and, for the aggregate the If-Match names, adds the expected version to the command's metadata;
 * the command target resolver reads the identifier from {@code @TargetAggregateIdentifier} as before and the version
 * from that metadata. The repository then refuses a command on an aggregate that moved on with
 * {@code ConflictingAggregateVersionException} (answered 412), exactly as a {@code @TargetAggregateVersion} field
 * would, without adding an HTTP concern to every command record (ADR 0018).
 */
@Configuration(proxyBeanMethods = false)
class AggregateVersionConfig {

    static final String EXPECTED_VERSION = "expectedAggregateVersion";

    private static final CommandTargetResolver BY_ANNOTATION = AnnotationCommandTargetResolver.builder().build();

    /** The resolver of every aggregate (Axon's aggregate configurer takes the configuration's component). */
    @Bean
    ConfigurerModule expectedVersionTargetResolver() {
        return configurer -> configurer.registerComponent(CommandTargetResolver.class,
                c -> AggregateVersionConfig::resolve);
    }

    static VersionedAggregateIdentifier resolve(CommandMessage<?> command) {
        VersionedAggregateIdentifier target = BY_ANNOTATION.resolveTarget(command);
        Object expected = command.getMetaData().get(EXPECTED_VERSION);
        if (expected == null) {
            return target;
        }
        return new VersionedAggregateIdentifier(target.getIdentifierValue(), Long.valueOf(expected.toString()));
    }

    static final class ExpectedVersionInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                Optional<RequestPrecondition> precondition = RequestPrecondition.current();
                if (precondition.isEmpty()) {
                    return command;
                }
                String target;
                try {
                    target = BY_ANNOTATION.resolveTarget(command).getIdentifier();
                } catch (IllegalArgumentException noTarget) {
                    return command;
                }
                return precondition.get().dispatching(target)
                        .<CommandMessage<?>>map(version -> command.andMetaData(
                                Map.of(EXPECTED_VERSION, Long.toString(version))))
                        .orElse(command);
            };
        }
    }

    /** Registers on the bus, as the actor's metadata is (security.ActorMetadataConfig). */
    @Component
    static class Registration {

        Registration(CommandBus commandBus) {
            commandBus.registerDispatchInterceptor(new ExpectedVersionInterceptor());
        }
    }
}
