package org.mincard.application.migration;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandMessageHandlingMember;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.NoArgumentConstructorCreationPolicyAggregateFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregate;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs commands against aggregates that do not exist yet, in memory, through the aggregates' own command and
 * event-sourcing handlers (with Axon's parameter resolvers and the service's correlation data), and hands back the
 * events they applied as domain events with contiguous sequence numbers. Bulk work (an import, a city loader) then
 * appends the events of many aggregates in one call to the storage engine, instead of one command bus round trip,
 * aggregate load and commit per command. Only for new aggregates: there is no history to load, so nothing another
 * node did can be missed; the {@code (aggregate, sequence)} key still refuses a clash.
 */
public class NewAggregates {

    private final Configuration axon;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();

    public NewAggregates(Configuration axon) {
        this.axon = axon;
    }

    /** Creates an aggregate of {@code type} by handling {@code command}; the caller then sends it more commands. */
    public <T> Run<T> create(Class<T> type, Object command, MetaData metaData) {
        @SuppressWarnings("unchecked")
        AggregateModel<T> model = (AggregateModel<T>) models.computeIfAbsent(type, t ->
                AnnotatedAggregateMetaModelFactory.inspectAggregate(t, axon.parameterResolverFactory(),
                        axon.handlerDefinition(t)));
        Run<T> run = new Run<>(model);
        run.create(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        return run;
    }

    /** One new aggregate and the events applied to it so far. */
    public final class Run<T> {

        private final AggregateModel<T> model;
        private final List<EventMessage<?>> applied = new ArrayList<>();
        private final EventBus collector = new Collector(applied::addAll);
        private AnnotatedAggregate<T> aggregate;
        private int drained;

        private Run(AggregateModel<T> model) {
            this.model = model;
        }

        private void create(CommandMessage<?> command) {
            MessageHandlingMember<? super T> handler = model.commandHandlers(model.entityClass())
                    .filter(member -> member.canHandle(command))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            model.type() + " has no handler for " + command.getCommandName()));
            boolean constructor = handler.unwrap(CommandMessageHandlingMember.class)
                    .map(CommandMessageHandlingMember::isFactoryHandler).orElse(false);
            inUnitOfWork(command, () -> {
                if (constructor) {
                    // The constructor applies its events inside the aggregate's lifecycle, as the repository does.
                    @SuppressWarnings("unchecked")
                    Callable<T> factory = () -> (T) handler.handle(command, null);
                    aggregate = AnnotatedAggregate.initialize(factory, model, collector);
                    return null;
                }
                T root = new NoArgumentConstructorCreationPolicyAggregateFactory<>(model.entityClass()).create(null);
                aggregate = AnnotatedAggregate.initialize(root, model, collector);
                return aggregate.handle(command);
            });
        }

        /** Handles one more command on this aggregate; a rejection is thrown as the aggregate threw it. */
        public Run<T> then(Object command, MetaData metaData) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
            inUnitOfWork(message, () -> aggregate.handle(message));
            return this;
        }

        /** The events applied so far, as domain events of this aggregate numbered from 0. */
        public List<DomainEventMessage<?>> events() {
            return since(0);
        }

        /**
         * The events applied since the last call (all of them on the first), numbered as in {@link #events()}: a
         * caller that runs commands on several aggregates appends their events in the order the commands ran.
         */
        public List<DomainEventMessage<?>> drain() {
            List<DomainEventMessage<?>> events = since(drained);
            drained = applied.size();
            return events;
        }

        private List<DomainEventMessage<?>> since(int first) {
            String id = aggregate.identifierAsString();
            List<DomainEventMessage<?>> events = new ArrayList<>(applied.size() - first);
            for (int sequence = first; sequence < applied.size(); sequence++) {
                EventMessage<?> event = applied.get(sequence);
                events.add(new GenericDomainEventMessage<>(model.type(), id, sequence, event.getPayload(),
                        event.getMetaData(), event.getIdentifier(), event.getTimestamp()));
            }
            return events;
        }

        public T root() {
            return aggregate.getAggregateRoot();
        }

        private void inUnitOfWork(CommandMessage<?> command, Callable<Object> work) {
            DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
            axon.correlationDataProviders().forEach(unitOfWork::registerCorrelationDataProvider);
            ResultMessage<Object> result = unitOfWork.executeWithResult(work);
            if (result.isExceptional()) {
                Throwable failure = result.exceptionResult();
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(failure);
            }
        }
    }

    /** An event bus that only collects what an aggregate publishes, in order. */
    private static final class Collector implements EventBus {

        private final Consumer<List<? extends EventMessage<?>>> sink;

        Collector(Consumer<List<? extends EventMessage<?>>> sink) {
            this.sink = sink;
        }

        @Override
        public void publish(List<? extends EventMessage<?>> events) {
            sink.accept(events);
        }

        @Override
        public Registration subscribe(Consumer<List<? extends EventMessage<?>>> messageProcessor) {
            throw new UnsupportedOperationException("nothing subscribes to an import's aggregates");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super EventMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException("imports dispatch nothing");
        }
    }
}
