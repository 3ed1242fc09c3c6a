package org.mincard.projections;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.mincard.domain.EventSamples;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.Role;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An embedded PostgreSQL with the read-model tables, and a way to feed events to a projection batch by batch. */
public final class DispatchDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    public final JdbcTemplate jdbc;
    public final DataSourceTransactionManager transactionManager;
    private final TransactionTemplate transactions;

    public DispatchDatabase() throws IOException {
        Path data = Path.of("target", "embedded-pg", UUID.randomUUID().toString()).toAbsolutePath();
        Path runtime = data.resolveSibling(data.getFileName() + "-runtime");
        Files.createDirectories(data);
        Files.createDirectories(runtime);
        postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(runtime.toFile()).setPGStartupWait(Duration.ofSeconds(60)).start();
        DataSource dataSource = postgres.getPostgresDatabase();
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/read_model/V10_0__case_view.sql"),
                new ClassPathResource("db/migration/read_model/V11_0__work_queue.sql"),
                new ClassPathResource("db/migration/read_model/V11_1__card_revocation.sql"),
                new ClassPathResource("db/migration/read_model/V13_0__queue_rollups.sql"),
                new ClassPathResource("db/migration/read_model/V70_0__case_view_purges.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        transactionManager = new DataSourceTransactionManager(dataSource);
        transactions = new TransactionTemplate(transactionManager);
    }

    /** A stored event of an aggregate, as a processor delivers it, sent by a clerk. */
    public static EventMessage<?> message(String aggregateType, UUID aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence, payload,
                ActorMetadataFormat.of(new Actor("clerk-a", Role.CLERK,
                        Set.of(EventSamples.id("siteId")), false)),
                UUID.randomUUID().toString(), EventSamples.AT.plusMillis(sequence));
    }

    /** Handles the messages in one unit of work and one transaction, as a pooled processor's batch does. */
    public void process(EventMessageHandler handler, List<EventMessage<?>> batch) {
        transactions.executeWithoutResult(status -> {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> handler.handle(unitOfWork.getMessage()));
            if (result.isExceptional()) {
                throw new IllegalStateException("the batch failed", result.exceptionResult());
            }
        });
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
