package org.mincard.application.vault;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Appends access records to {@code audit.access_record}, a batch in one statement. The table refuses updates and
 * deletes; the order of its ids is the order the oversight work chains.
 *
 * <p>Group commit (ADR 0020, {@code mincard.vault.access-log.group-commit}, on by default): a read outside a
 * caller's transaction queues its records and waits; one writer thread takes everything queued (up to
 * {@code max-batch} records, never splitting one read's records), appends it in one multi-row statement and one
 * commit, then releases every waiting read. Concurrent reads so share a commit (the WAL flush that bounds the rate)
 * instead of queueing on it one by one; a read still returns only once its records are committed, and a failed
 * append fails every read of that commit, as it failed the one read before. Inside a caller's transaction the
 * records are appended at once in that transaction, committed or rolled back with it. The chain is unaffected: the
 * chainer links committed records in id order, whoever committed them.
 */
@Component
class AccessLog implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AccessLogProperties properties;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopped;

    private record Pending(List<AccessRecord> records, CompletableFuture<Void> committed) {
    }

    AccessLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AccessLogProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.writer = new Thread(this::writeLoop, "access-log-writer");
        this.writer.setDaemon(true);
        if (properties.groupCommit()) {
            this.writer.start();
        }
    }

    void append(List<AccessRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (!properties.groupCommit() || stopped || TransactionSynchronizationManager.isActualTransactionActive()) {
            insert(records);
            return;
        }
        Pending pending = new Pending(List.copyOf(records), new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.committed().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!stopped) {
            try {
                batch.add(queue.take());
                int size = batch.get(0).records().size();
                Pending next;
                while ((next = queue.peek()) != null && size + next.records().size() <= properties.maxBatch()) {
                    batch.add(queue.poll());
                    size += next.records().size();
                }
                List<AccessRecord> records = new ArrayList<>(size);
                batch.forEach(pending -> records.addAll(pending.records()));
                try {
                    transactions.executeWithoutResult(status -> insert(records));
                    batch.forEach(pending -> pending.committed().complete(null));
                } catch (RuntimeException e) {
                    LOG.warn("Access-log append of {} records failed: {}", size, e.getClass().getSimpleName());
                    batch.forEach(pending -> pending.committed().completeExceptionally(e));
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        batch.forEach(pending -> pending.committed().completeExceptionally(
                new IllegalStateException("access log stopped")));
    }

    private void insert(List<AccessRecord> records) {
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO audit.access_record (occurred_at, actor_id, actor_role, site_id, case_id, subject_id,
                                                     data_class, purpose, outcome, refusal_reason, request_reference)
                    SELECT * FROM unnest(?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[]::uuid[],
                                         ?::text[]::uuid[], ?::text[]::uuid[], ?::text[], ?::text[], ?::text[],
                                         ?::text[], ?::text[])""");
            List<Function<AccessRecord, Object>> columns = List.of(
                    AccessRecord::occurredAt, AccessRecord::actorId, AccessRecord::actorRole, AccessRecord::siteId,
                    AccessRecord::caseId, AccessRecord::subjectId, AccessRecord::dataClass, AccessRecord::purpose,
                    AccessRecord::outcome, AccessRecord::refusalReason, AccessRecord::requestReference);
            for (int column = 0; column < columns.size(); column++) {
                Function<AccessRecord, Object> value = columns.get(column);
                String[] values = records.stream().map(value)
                        .map(v -> v == null ? null : Objects.toString(v)).toArray(String[]::new);
                statement.setArray(column + 1, connection.createArrayOf("text", values));
            }
            return statement;
        });
    }

    /** Stops the writer after the commit under way; reads still queued fail (the service is shutting down). */
    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        writer.interrupt();
        writer.join(5_000);
        Pending left;
        while ((left = queue.poll()) != null) {
            left.committed().completeExceptionally(new IllegalStateException("access log stopped"));
        }
    }
}
