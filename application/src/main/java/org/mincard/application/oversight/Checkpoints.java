package org.mincard.application.oversight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.mincard.application.vault.ErasureLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Takes, stores and reads signed checkpoints, and verifies the chains against one. */
@Component
public class Checkpoints {

    static final int FORMAT = 2;
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final JdbcTemplate jdbc;
    private final Chainer chainer;
    private final ChainedStreams streams;
    private final ChainVerifier verifier;
    private final CheckpointSigner signer;
    private final Clock clock;
    private final ErasureLedger ledger;
    private final OversightMetrics metrics;
    private final LockProvider scheduleLock;

    Checkpoints(JdbcTemplate jdbc, Chainer chainer, ChainedStreams streams, ChainVerifier verifier,
                CheckpointSigner signer, Clock clock, ErasureLedger ledger, OversightMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.chainer = chainer;
        this.streams = streams;
        this.verifier = verifier;
        this.signer = signer;
        this.clock = clock;
        this.scheduleLock = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc)
                .withTableName("audit.checkpoint_lock")
                .usingDbTime()
                .withLockedByValue(ManagementFactory.getRuntimeMXBean().getName())
                .build());
    }

    /** A stored checkpoint: the exact signed JSON text and its signature. */
    public record Signed(Checkpoint checkpoint, String payload, byte[] signature) {
    }

    /**
     * Every node's cron fires; the first to take the lock signs, and the lock stays taken for 30 s after it is done,
     * so the other nodes' firings of the same minute (clocks a little apart) skip instead of signing again.
     */
    @Scheduled(cron = "${mincard.oversight.checkpoints.cron}")
    void onSchedule() {
        Optional<SimpleLock> lock = scheduleLock.lock(new LockConfiguration(ClockProvider.now(), "checkpoints",
                Duration.ofMinutes(10), Duration.ofSeconds(30)));
        if (lock.isEmpty()) {
            LOG.debug("Periodic checkpoint left to the node holding the checkpoint lock");
            return;
        }
        try {
            signOnSchedule();
        } finally {
            lock.get().unlock();
        }
    }

    private void signOnSchedule() {
        try {
            Signed signed = take();
            metrics.checkpointTaken(true);
            LOG.info("Checkpoint {} taken", signed.checkpoint().checkpointId());
        } catch (RuntimeException e) {
            metrics.checkpointTaken(false);
            LOG.warn("Periodic checkpoint failed; it is retried on the next run", e);
        }
    }

    /** Links whatever is pending, then signs the current heads of every chain. */
    Signed take() {
        chainer.chainAll();
        List<Checkpoint.Head> heads = new ArrayList<>();
        for (ChainedStream stream : streams.all()) {
            heads.add(jdbc.query("""
                    SELECT position, record_id, hash FROM audit.chain_link WHERE stream = ?
                    ORDER BY position DESC LIMIT 1""", (row, n) -> new Checkpoint.Head(stream.stream(),
                    row.getLong(1), row.getLong(2), ChainHash.hex(row.getBytes(3))), stream.stream())
                    .stream().findFirst().orElse(new Checkpoint.Head(stream.stream(), 0, null, null)));
        }
        ErasureLedger.Head ledgerHead = ledger.head();
        Checkpoint checkpoint = new Checkpoint(FORMAT, UUID.randomUUID(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), signer.keyId(), heads,
                new Checkpoint.LedgerHead(ledgerHead.sequence(), ledgerHead.hash()));
        String payload = write(checkpoint);
        byte[] signature = signer.sign(payload.getBytes(StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO audit.checkpoint (checkpoint_id, taken_at, key_id, payload, signature)"
                        + " VALUES (?, ?, ?, ?, ?)", checkpoint.checkpointId(), Timestamp.from(checkpoint.takenAt()),
                checkpoint.keyId(), payload, signature);
        return new Signed(checkpoint, payload, signature);
    }

    Optional<Signed> find(UUID checkpointId) {
        return jdbc.query("SELECT payload, signature FROM audit.checkpoint WHERE checkpoint_id = ?",
                (row, n) -> new Signed(read(row.getString(1)), row.getString(1), row.getBytes(2)), checkpointId)
                .stream().findFirst();
    }

    public Optional<Signed> latest() {
        return jdbc.query("SELECT payload, signature FROM audit.checkpoint ORDER BY taken_at DESC LIMIT 1",
                (row, n) -> new Signed(read(row.getString(1)), row.getString(1), row.getBytes(2))).stream().findFirst();
    }

    /**
     * Re-walks every chain and compares it with the checkpoint given as its exact JSON text (null: no checkpoint,
     * only the chains' own consistency). A signature, when given, must be this service's over that text.
     */
    public VerificationReport verify(String payload, byte[] signature, String source) {
        Checkpoint checkpoint = payload == null ? null : read(payload);
        Boolean signatureValid = signature == null ? null
                : signer.verify(payload.getBytes(StandardCharsets.UTF_8), signature);
        chainer.chainAll();
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        List<ChainVerifier.StreamResult> results = new ArrayList<>();
        for (ChainedStream stream : streams.all()) {
            results.add(verifier.verify(stream, checkpoint == null ? null : checkpoint.head(stream.stream())));
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        boolean intact = results.stream().allMatch(ChainVerifier.StreamResult::intact)
                && !Boolean.FALSE.equals(signatureValid);
        metrics.verified(intact);
        return new VerificationReport(intact, started, millis, source,
                checkpoint == null ? null : checkpoint.checkpointId(),
                checkpoint == null ? null : checkpoint.takenAt(), signatureValid, results);
    }

    /** The outcome of a verification: per stream, counts and every finding (up to a cap) with its position. */
    public record VerificationReport(boolean intact, Instant verifiedAt, long durationMillis, String checkpointSource,
                              UUID checkpointId, Instant checkpointTakenAt, Boolean signatureValid,
                              List<ChainVerifier.StreamResult> streams) {
    }

    static String write(Checkpoint checkpoint) {
        try {
            return JSON.writeValueAsString(checkpoint);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a checkpoint", e);
        }
    }

    static Checkpoint read(String payload) {
        try {
            Checkpoint checkpoint = JSON.readValue(payload, Checkpoint.class);
            if (checkpoint.format() != 1 && checkpoint.format() != FORMAT) {
                throw badCheckpoint("format must be 1 or " + FORMAT);
            }
            return checkpoint;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw badCheckpoint("must be a checkpoint as downloaded from /api/v1/audit/checkpoints/{checkpointId}");
        }
    }

    private static InvalidCheckpoint badCheckpoint(String rule) {
        return new InvalidCheckpoint(rule);
    }
}
