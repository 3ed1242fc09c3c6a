package org.mincard.projections.annualfigures;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mincard.domain.cardholder.CardProduced;
import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.cardholder.RevocationReason;
import org.mincard.domain.casefile.CaseApproved;
import org.mincard.domain.casefile.CaseDenied;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.CaseWithdrawn;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.retention.PersonalDataPurged;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The annual figures of a small history counted by hand, on PostgreSQL; a replay (reset, then the same events in
 * other batch sizes) and a redelivery of every event give the same rows and the same figures.
 */
class AnnualFiguresProjectionIT {

    private static final UUID SITE_A = UUID.fromString("a0000000-0000-4000-8000-00000000000a");
    private static final UUID SITE_B = UUID.fromString("b0000000-0000-4000-8000-00000000000b");

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static AnnualFiguresProjection projection;
    private static AnnotationEventHandlerAdapter handler;

    private final Map<UUID, Long> sequences = new HashMap<>();
    private final List<EventMessage<?>> history = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        Path data = Path.of("target", "embedded-pg", UUID.randomUUID().toString()).toAbsolutePath();
        Path runtime = data.resolveSibling(data.getFileName() + "-runtime");
        Files.createDirectories(data);
        Files.createDirectories(runtime);
        postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(runtime.toFile()).setPGStartupWait(Duration.ofSeconds(60)).start();
        DataSource dataSource = postgres.getPostgresDatabase();
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/read_model/V10_0__case_view.sql"),
                new ClassPathResource("db/migration/read_model/V12_0__annual_figures.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        projection = new AnnualFiguresProjection(jdbc);
        handler = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyTable() {
        projection.reset();
    }

    @Test
    void countsTheYearByHand_whenEventsSpanTwoYears() {
        history();

        processInBatches(history, 100);
        AnnualFigures figures = projection.handle(new CountAnnualFigures(2026));

        assertThat(figures.section(FigureSection.CASES_BY_TYPE)).isEqualTo(Map.of("NEW", 3L, "RENEWAL", 1L));
        assertThat(figures.section(FigureSection.CASES_BY_SITE))
                .isEqualTo(Map.of(SITE_A.toString(), 3L, SITE_B.toString(), 1L));
        assertThat(figures.section(FigureSection.CASE_OUTCOMES))
                .isEqualTo(Map.of("APPROVED", 2L, "DENIED", 1L, "WITHDRAWN", 1L));
        assertThat(figures.section(FigureSection.CARDS)).isEqualTo(Map.of("NEW", 1L, "REVOKED", 1L));
        assertThat(figures.section(FigureSection.PURGES))
                .isEqualTo(Map.of("rule-contact/CONTACT", 2L, "rule-review/REVIEW", 1L));
        assertThat(figures.casesDecided()).isEqualTo(3);
        assertThat(figures.medianDays()).isEqualTo(4.0);
        assertThat(figures.ninetiethPercentileDays()).isCloseTo(8.8, offset(1e-9));
        AnnualFigures before = projection.handle(new CountAnnualFigures(2025));
        assertThat(before.section(FigureSection.CASES_BY_TYPE)).isEqualTo(Map.of("NEW", 1L));
        assertThat(before.section(FigureSection.CASE_OUTCOMES)).isEmpty();
        assertThat(before.casesDecided()).isZero();
        assertThat(before.medianDays()).isNull();
    }

    @Test
    void replayAndRedeliveryGiveTheSameFigures_whenBatchesDiffer() {
        history();
        processInBatches(history, 100);
        List<Map<String, Object>> rows = rows();
        AnnualFigures figures = projection.handle(new CountAnnualFigures(2026));

        List<List<Map<String, Object>>> replays = new ArrayList<>();
        List<AnnualFigures> replayed = new ArrayList<>();
        for (int batchSize : new int[] {1, 3, 7}) {
            projection.reset();
            processInBatches(history, batchSize);
            replays.add(rows());
            replayed.add(projection.handle(new CountAnnualFigures(2026)));
        }
        processInBatches(history, 5);
        processInBatches(history.subList(2, 9), 100);

        assertThat(rows).hasSize(history.size() + 5);
        assertThat(replays).allSatisfy(replay -> assertThat(replay).isEqualTo(rows));
        assertThat(replayed).allSatisfy(replay -> assertThat(replay).isEqualTo(figures));
        assertThat(rows()).isEqualTo(rows);
        assertThat(projection.handle(new CountAnnualFigures(2026))).isEqualTo(figures);
    }

    /**
     * 2025: one case submitted on 28 December, approved on 7 January 2026 (10 days). 2026: three NEW cases at site A
     * and a RENEWAL at site B; one approved after 2 days, one denied after 4, one withdrawn; one card produced and
     * revoked; a sweep purging two contacts and one review.
     */
    private void history() {
        UUID late = UUID.randomUUID();
        submitted(late, CaseType.NEW, SITE_A, Instant.parse("2025-12-28T10:00:00Z"));
        UUID approved = UUID.randomUUID();
        submitted(approved, CaseType.NEW, SITE_A, Instant.parse("2026-02-01T09:00:00Z"));
        UUID denied = UUID.randomUUID();
        submitted(denied, CaseType.NEW, SITE_A, Instant.parse("2026-02-02T09:00:00Z"));
        UUID withdrawn = UUID.randomUUID();
        submitted(withdrawn, CaseType.NEW, SITE_A, Instant.parse("2026-02-03T09:00:00Z"));
        submitted(UUID.randomUUID(), CaseType.RENEWAL, SITE_B, Instant.parse("2026-02-04T09:00:00Z"));
        Instant lateDecision = Instant.parse("2026-01-07T10:00:00Z");
        event(late, new CaseApproved(late, lateDecision), lateDecision);
        Instant approvedAt = Instant.parse("2026-02-03T09:00:00Z");
        event(approved, new CaseApproved(approved, approvedAt), approvedAt);
        Instant deniedAt = Instant.parse("2026-02-06T09:00:00Z");
        event(denied, new CaseDenied(denied, DenialReason.RESIDENCY_NOT_SHOWN, deniedAt,
                deniedAt.plus(Duration.ofDays(30))), deniedAt);
        Instant withdrawnAt = Instant.parse("2026-02-05T09:00:00Z");
        event(withdrawn, new CaseWithdrawn(withdrawn, withdrawnAt), withdrawnAt);
        UUID cardholder = UUID.randomUUID();
        UUID card = UUID.randomUUID();
        Instant producedAt = Instant.parse("2026-02-10T09:00:00Z");
        event(cardholder, new CardProduced(cardholder, card, approved, CaseType.NEW, SITE_A,
                sealed(cardholder, DataClass.CARD_RECORD), AgeBand.ADULT, LocalDate.of(2026, 2, 10),
                LocalDate.of(2031, 2, 10), null), producedAt);
        Instant revokedAt = Instant.parse("2026-03-01T09:00:00Z");
        event(cardholder, new CardRevoked(cardholder, card, RevocationReason.ISSUED_IN_ERROR, revokedAt), revokedAt);
        UUID sweep = UUID.randomUUID();
        Instant purgedAt = Instant.parse("2026-04-01T02:30:00Z");
        event(sweep, purge(sweep, "rule-contact", DataClass.CONTACT, purgedAt), purgedAt);
        event(sweep, purge(sweep, "rule-contact", DataClass.CONTACT, purgedAt), purgedAt);
        event(sweep, purge(sweep, "rule-review", DataClass.REVIEW, purgedAt), purgedAt);
    }

    private void submitted(UUID caseId, CaseType type, UUID site, Instant at) {
        UUID cardholder = UUID.randomUUID();
        event(caseId, new CaseSubmitted(caseId, type, site, cardholder, AgeBand.ADULT,
                sealed(cardholder, DataClass.CARD_RECORD), null, null,
                type == CaseType.NEW ? null : UUID.randomUUID(), null, at), at);
    }

    private static PersonalDataPurged purge(UUID sweep, String rule, DataClass dataClass, Instant at) {
        return new PersonalDataPurged(sweep, UUID.randomUUID(), dataClass, rule, "profile", "1", at.minusSeconds(60),
                at);
    }

    private void event(UUID aggregateId, Object payload, Instant recordedAt) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        history.add(new GenericDomainEventMessage<>("Aggregate", aggregateId.toString(), sequence, payload,
                Map.of(), UUID.randomUUID().toString(), recordedAt.plusMillis(3)));
    }

    private static SealedValue sealed(UUID subject, DataClass dataClass) {
        return new SealedValue(new KeyReference(subject, dataClass, 1), "x".getBytes(StandardCharsets.UTF_8));
    }

    private static void processInBatches(List<EventMessage<?>> messages, int batchSize) {
        for (int from = 0; from < messages.size(); from += batchSize) {
            List<EventMessage<?>> batch = messages.subList(from, Math.min(messages.size(), from + batchSize));
            transactions.executeWithoutResult(status -> {
                BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
                ResultMessage<?> result = unitOfWork.executeWithResult(() -> handler.handle(unitOfWork.getMessage()));
                if (result.isExceptional()) {
                    throw new IllegalStateException("the batch failed", result.exceptionResult());
                }
            });
        }
    }

    private static List<Map<String, Object>> rows() {
        return jdbc.queryForList("SELECT * FROM read_model.annual_figure ORDER BY source_id, sequence, section");
    }
}
