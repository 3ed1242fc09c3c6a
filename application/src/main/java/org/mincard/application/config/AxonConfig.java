package org.mincard.application.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.mincard.domain.cardholder.Cardholder;
import org.mincard.domain.casefile.CaseFile;
import org.mincard.domain.request.DataRequest;
import org.mincard.domain.request.upcasting.DataRequestRegisteredV1ToV2Upcaster;
import org.mincard.domain.retention.LegalHold;
import org.mincard.domain.retention.upcasting.LegalHoldPlacedV1ToV2Upcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;

/**
 * Axon on PostgreSQL without Axon Server. Storage, token store and dead-letter queues are Axon's JDBC
 * implementations (auto-configured from the DataSource); their tables are created by Flyway.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfig {

    /**
     * The one ObjectMapper behind every stored message. It is deliberately not a Spring bean, so neither the REST
     * layer's settings nor a Spring Boot upgrade can change the JSON that is already in the event store.
     */
    static ObjectMapper storageObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Events gain fields over time; an old reader must not reject a newer revision's extra field.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static Serializer jackson() {
        return JacksonSerializer.builder().objectMapper(storageObjectMapper()).build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jackson();
    }

    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(CaseFile.class)
                .configureAggregate(Cardholder.class)
                .configureAggregate(LegalHold.class)
                .configureAggregate(DataRequest.class);
    }

    /**
     * The card registry and the case lookup are command-side lookups that must never lag or diverge from their
     * events: a failure there fails the command and rolls back its events instead of being logged and skipped.
     */
    @Bean
    ConfigurerModule commandSideLookups() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler("card-registry", c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler("case-lookup", c -> PropagatingErrorHandler.instance());
    }

    /**
     * PostgreSQL reports a duplicate (aggregate, sequence) as SQLState 23505, which Axon's default JDBC resolver does
     * not recognise; without this, two racing commands on one case end in a generic error instead of a conflict.
     */
    /** Reads revision-1 hold events (free-text reason) without the text; see docs/events.md. */
    @Bean
    LegalHoldPlacedV1ToV2Upcaster legalHoldPlacedV1ToV2Upcaster() {
        return new LegalHoldPlacedV1ToV2Upcaster();
    }

    /** Reads revision-1 register events (free-text scope) without the text; see docs/events.md. */
    @Bean
    DataRequestRegisteredV1ToV2Upcaster dataRequestRegisteredV1ToV2Upcaster() {
        return new DataRequestRegisteredV1ToV2Upcaster();
    }

    /**
     * Axon's JDBC token store under this node's name (the one the member table uses), able to read every segment's
     * claim without taking it (ADR 0023).
     */
    @Bean
    ProcessorTokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                   ProcessorsProperties processors,
                                   @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return new ProcessorTokenStore(JdbcTokenStore.builder().connectionProvider(connectionProvider)
                .schema(new TokenSchema()).serializer(serializer), processors.nodeId(), claimTimeout);
    }

    /**
     * Every pooled processor claims at most its fair share of segments, recomputed from the live nodes before each
     * claim round (ADR 0023); the coordinator extends its work packages' claims, so a busy segment keeps its claim.
     */
    @Bean
    ConfigurerModule sharedSegments(ObjectProvider<ProcessorCluster> cluster) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (configuration, builder) -> builder
                        .maxSegmentProvider(processor -> cluster.getObject().fairShare(processor))
                        .enableCoordinatorClaimExtension());
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
