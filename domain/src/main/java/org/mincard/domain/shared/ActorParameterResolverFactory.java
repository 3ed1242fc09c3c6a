package org.mincard.domain.shared;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;

/**
 * Lets message handlers take an {@link Actor} parameter, read from the message's metadata (see
 * {@link ActorMetadataFormat}). A message that names no actor is refused here, before the handler runs: there is
 * no "no actor" that skips the domain's checks (system work names {@link Actor#system}). Registered through
 * {@code META-INF/services}, so it works the same in the service and in Axon's test fixtures.
 */
public class ActorParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<Actor> createInstance(Executable executable, Parameter[] parameters, int index) {
        if (!Actor.class.equals(parameters[index].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public Actor resolveParameterValue(Message<?> message) {
                Actor actor = ActorMetadataFormat.from(message.getMetaData());
                if (actor == null) {
                    throw new PermissionDenied("A command must name its actor; system work acts as the system actor.",
                            null);
                }
                return actor;
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }
}
