package org.mincard.projections.caseview;

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
import org.mincard.domain.casefile.ApplicantCheckedIn;
import org.mincard.domain.casefile.CardMailed;
import org.mincard.domain.casefile.CaseApproved;
import org.mincard.domain.casefile.CaseCardProduced;
import org.mincard.domain.casefile.CaseClaimed;
import org.mincard.domain.casefile.CaseDenied;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.CaseState;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.CaseWithdrawn;
import org.mincard.domain.casefile.DenialReason;
import org.mincard.domain.casefile.DocumentsReviewed;
import org.mincard.domain.casefile.PointsTally;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.ActorMetadataFormat;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.projections.caseview.SealedField.CaseField;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case view written in batches (one unit of work per processor batch) holds exactly the rows that one event per
 * unit of work gives, on PostgreSQL, and events it already has change nothing when they come again.
 */
class CaseViewBatchIT {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.123456Z");
    private static final UUID SITE = UUID.fromString("a0000000-0000-4000-8000-00000000000a");

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static CaseViewProjection projection;
    private static AnnotationEventHandlerAdapter handler;

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
                new ClassPathResource("db/migration/read_model/V70_0__case_view_purges.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        transactions = new TransactionTemplate(transactionManager);
        projection = new CaseViewProjection(jdbc, transactionManager);
        handler = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() {
        projection.reset();
    }

    @Test
    void landsTheSameRowsAsOneEventPerBatch_whenOneCasesWholeLifeIsOneBatch() {
        CaseStreams stream = new CaseStreams();
        UUID mailed = stream.mailedCase();

        List<Map<String, List<Map<String, Object>>>> results = new ArrayList<>();
        for (int batchSize : new int[] {1, 100}) {
            projection.reset();
            processInBatches(stream.interleaved(), batchSize);
            results.add(tables());
        }

        assertThat(results.get(1)).isEqualTo(results.get(0));
        CaseView view = projection.handle(new GetCase(mailed)).orElseThrow();
        assertThat(view.state()).isEqualTo(CaseState.MAILED);
        assertThat(view.pointsRuleMet()).isTrue();
        assertThat(view.cardId()).isEqualTo(stream.cardIds.get(mailed));
        assertThat(view.history()).extracting(CaseView.HistoryEntry::event).containsExactly("CaseSubmitted",
                "ApplicantCheckedIn", "CaseClaimed", "DocumentsReviewed", "DocumentsReviewed", "CaseApproved", "CaseCardProduced",
                "CardMailed");
        assertThat(view.history().get(2).actorId()).isEqualTo("clerk-a");
        assertThat(sealed(mailed)).containsEntry(CaseField.DELIVERY, "mailed-delivery")
                .containsEntry(CaseField.CONTACT, "contact").containsEntry(CaseField.REVIEW, "review")
                .containsEntry(CaseField.CARD_NUMBER, "card-number").containsEntry(CaseField.CARD_RECORD, "card-record");
    }

    @Test
    void landsTheSameRowsAsOneEventPerBatch_whenSeveralCasesInterleaveAcrossBatches() {
        CaseStreams stream = new CaseStreams();
        stream.mailedCase();
        UUID denied = stream.deniedCase();
        stream.withdrawnCase();
        stream.submittedCase();
        List<EventMessage<?>> interleaved = stream.interleaved();

        List<Map<String, List<Map<String, Object>>>> results = new ArrayList<>();
        for (int batchSize : new int[] {1, 3, 7, 100}) {
            projection.reset();
            processInBatches(interleaved, batchSize);
            results.add(tables());
        }

        assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(results.get(0)));
        assertThat(results.get(0).get("case_view")).hasSize(4);
        assertThat(results.get(0).get("case_history")).hasSize(interleaved.size() - 1);
        CaseView view = projection.handle(new GetCase(denied)).orElseThrow();
        assertThat(view.state()).isEqualTo(CaseState.DENIED);
        assertThat(view.denialReason()).isEqualTo(DenialReason.RESIDENCY_NOT_SHOWN);
        assertThat(view.appealDeadline()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(view.pointsRuleMet()).isFalse();
    }

    @Test
    void changesNothing_whenOlderEventsAreRedeliveredAloneOrInsideABatch() {
        CaseStreams stream = new CaseStreams();
        UUID mailed = stream.mailedCase();
        UUID denied = stream.deniedCase();
        List<EventMessage<?>> interleaved = stream.interleaved();
        processInBatches(interleaved, 100);
        Map<String, List<Map<String, Object>>> before = tables();

        processInBatches(interleaved, 5);
        processInBatches(stream.byCase.get(mailed).subList(0, 4), 100);
        processInBatches(List.of(stream.byCase.get(mailed).get(0)), 1);
        processInBatches(List.of(stream.byCase.get(mailed).get(3)), 1);
        processInBatches(List.of(stream.byCase.get(denied).get(1), stream.byCase.get(mailed).get(7),
                stream.byCase.get(mailed).get(1)), 100);

        assertThat(tables()).isEqualTo(before);
        assertThat(sealed(mailed)).containsEntry(CaseField.DELIVERY, "mailed-delivery")
                .containsEntry(CaseField.REVIEW, "review");
        assertThat(projection.handle(new GetCase(mailed)).orElseThrow().pointsRuleMet()).isTrue();
        assertThat(projection.handle(new GetCase(denied)).orElseThrow().state()).isEqualTo(CaseState.DENIED);
    }

    @Test
    void appliesOnlyTheNewerEvents_whenABatchOverlapsWhatTheRowAlreadyHas() {
        CaseStreams stream = new CaseStreams();
        UUID mailed = stream.mailedCase();
        List<EventMessage<?>> events = stream.byCase.get(mailed);
        processInBatches(events, 1);
        Map<String, List<Map<String, Object>>> oneByOne = tables();
        projection.reset();

        processInBatches(events.subList(0, 4), 100);
        processInBatches(events.subList(2, events.size()), 100);

        assertThat(tables()).isEqualTo(oneByOne);
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

    private static Map<String, List<Map<String, Object>>> tables() {
        return Map.of(
                "case_view", jdbc.queryForList("SELECT * FROM read_model.case_view ORDER BY case_id"),
                "case_history", jdbc.queryForList("SELECT * FROM read_model.case_history ORDER BY case_id, sequence"),
                "case_sealed_field", jdbc.queryForList("""
                        SELECT case_id, field, subject_id, data_class, key_version, encode(ciphertext, 'hex') AS hex
                        FROM read_model.case_sealed_field ORDER BY case_id, field"""));
    }

    private static Map<CaseField, String> sealed(UUID caseId) {
        Map<CaseField, String> plain = new HashMap<>();
        projection.handle(new GetCaseSealedFields(caseId)).forEach(field ->
                plain.put(field.field(), new String(field.value().ciphertext(), StandardCharsets.UTF_8)));
        return plain;
    }

    /** Event streams of a few cases as the event store would deliver them: per case in order, with metadata. */
    private static final class CaseStreams {

        final Map<UUID, List<EventMessage<?>>> byCase = new LinkedHashMap<>();
        final Map<UUID, UUID> cardIds = new HashMap<>();
        private final List<EventMessage<?>> cardholderEvents = new ArrayList<>();

        UUID mailedCase() {
            UUID caseId = UUID.randomUUID();
            UUID cardholderId = UUID.randomUUID();
            UUID cardId = UUID.randomUUID();
            cardIds.put(caseId, cardId);
            submitted(caseId, cardholderId);
            add(caseId, new ApplicantCheckedIn(caseId, at(1)), "clerk-a");
            add(caseId, new CaseClaimed(caseId, "clerk-a", at(2)), "clerk-a");
            add(caseId, new DocumentsReviewed(caseId, sealed(cardholderId, DataClass.CARD_RECORD, "first-review"),
                    new PointsTally(1, 2, true, true), false, at(3)), "clerk-a");
            add(caseId, new DocumentsReviewed(caseId, sealed(cardholderId, DataClass.CARD_RECORD, "review"),
                    new PointsTally(3, 2, true, true), true, at(4)), "clerk-a");
            add(caseId, new CaseApproved(caseId, at(5)), "clerk-a");
            add(caseId, new CaseCardProduced(caseId, cardholderId, cardId, at(6)), "clerk-a");
            cardholderEvents.add(message("Cardholder", cardholderId, 0, new CardProduced(cardholderId, cardId,
                    caseId, CaseType.NEW, SITE, sealed(cardholderId, DataClass.CARD_RECORD, "card-number"),
                    AgeBand.ADULT, LocalDate.of(2026, 3, 2), LocalDate.of(2031, 3, 2), null),
                    at(6), "clerk-a"));
            add(caseId, new CardMailed(caseId, sealed(cardholderId, DataClass.DELIVERY, "mailed-delivery"), at(7)),
                    "clerk-a");
            return caseId;
        }

        UUID deniedCase() {
            UUID caseId = UUID.randomUUID();
            UUID cardholderId = UUID.randomUUID();
            submitted(caseId, cardholderId);
            add(caseId, new ApplicantCheckedIn(caseId, at(1)), "clerk-b");
            add(caseId, new DocumentsReviewed(caseId, sealed(cardholderId, DataClass.CARD_RECORD, "review"),
                    new PointsTally(1, 0, false, true), false, at(2)), "clerk-b");
            add(caseId, new CaseDenied(caseId, DenialReason.RESIDENCY_NOT_SHOWN, at(3), T0.plus(Duration.ofDays(30))),
                    "supervisor");
            return caseId;
        }

        UUID withdrawnCase() {
            UUID caseId = UUID.randomUUID();
            submitted(caseId, UUID.randomUUID());
            add(caseId, new CaseWithdrawn(caseId, at(1)), "clerk-a");
            return caseId;
        }

        UUID submittedCase() {
            UUID caseId = UUID.randomUUID();
            submitted(caseId, UUID.randomUUID());
            return caseId;
        }

        /** Round robin over the cases, the cardholder events last, as segments of one processor could see them. */
        List<EventMessage<?>> interleaved() {
            List<EventMessage<?>> all = new ArrayList<>();
            int longest = byCase.values().stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (List<EventMessage<?>> events : byCase.values()) {
                    if (i < events.size()) {
                        all.add(events.get(i));
                    }
                }
            }
            all.addAll(cardholderEvents);
            return all;
        }

        private void submitted(UUID caseId, UUID cardholderId) {
            add(caseId, new CaseSubmitted(caseId, CaseType.NEW, SITE, cardholderId, AgeBand.ADULT,
                    sealed(cardholderId, DataClass.CARD_RECORD, "card-record"),
                    sealed(cardholderId, DataClass.CONTACT, "contact"),
                    sealed(cardholderId, DataClass.DELIVERY, "submitted-delivery"), null, null, at(0)), "clerk-a");
        }

        private void add(UUID caseId, CaseFileEvent event, String actorId) {
            List<EventMessage<?>> events = byCase.computeIfAbsent(caseId, id -> new ArrayList<>());
            events.add(message("CaseFile", caseId, events.size(), event, at(events.size()), actorId));
        }

        private static EventMessage<?> message(String type, UUID aggregateId, long sequence, Object payload,
                                               Instant recordedAt, String actorId) {
            return new GenericDomainEventMessage<>(type, aggregateId.toString(), sequence, payload,
                    Map.of(ActorMetadataFormat.ACTOR_ID, actorId, ActorMetadataFormat.ACTOR_ROLE,
                            actorId.startsWith("clerk") ? "CLERK" : "SUPERVISOR"),
                    UUID.randomUUID().toString(), recordedAt.plusMillis(7));
        }

        private static SealedValue sealed(UUID subjectId, DataClass dataClass, String text) {
            return new SealedValue(new KeyReference(subjectId, dataClass, 1), text.getBytes(StandardCharsets.UTF_8));
        }

        private static Instant at(int hours) {
            return T0.plus(Duration.ofHours(hours));
        }
    }
}
