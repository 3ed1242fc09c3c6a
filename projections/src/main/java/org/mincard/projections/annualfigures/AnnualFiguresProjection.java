package org.mincard.projections.annualfigures;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.mincard.domain.cardholder.CardProduced;
import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.casefile.AppealGranted;
import org.mincard.domain.casefile.AppealUpheld;
import org.mincard.domain.casefile.ApplicantDidNotShow;
import org.mincard.domain.casefile.CaseAbandoned;
import org.mincard.domain.casefile.CaseApproved;
import org.mincard.domain.casefile.CaseCancelled;
import org.mincard.domain.casefile.CaseDenied;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.casefile.CaseWithdrawn;
import org.mincard.domain.retention.PersonalDataPurged;
import org.mincard.projections.annualfigures.AnnualFiguresBatch.Figure;
import org.mincard.projections.batch.UnitOfWorkBatch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The annual transparency report's event-derived figures: cases submitted by type and site, case outcomes,
 * processing times, cards produced and revoked, values purged by rule and class. Reads the events as Axon delivers
 * them (upcast, deserialized, the same classes the event contract tests pin), never their stored JSON. One row per
 * counted event and section, written per unit of work ({@link AnnualFiguresBatch}); a year is counted at query time.
 */
@Component
@ProcessingGroup(AnnualFiguresProjection.PROCESSING_GROUP)
class AnnualFiguresProjection {

    static final String PROCESSING_GROUP = "annual-figures";

    private final JdbcTemplate jdbc;

    AnnualFiguresProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CaseSubmitted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        AnnualFiguresBatch batch = batch();
        batch.add(new Figure(event.caseId(), sequence, FigureSection.CASES_BY_TYPE, event.type().name(), recordedAt,
                event.submittedAt()));
        batch.add(new Figure(event.caseId(), sequence, FigureSection.CASES_BY_SITE, event.siteId().toString(),
                recordedAt, null));
    }

    @EventHandler
    void on(CaseApproved event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "APPROVED", recordedAt, event.approvedAt());
    }

    @EventHandler
    void on(CaseDenied event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "DENIED", recordedAt, event.deniedAt());
    }

    @EventHandler
    void on(CaseWithdrawn event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "WITHDRAWN", recordedAt, null);
    }

    @EventHandler
    void on(CaseAbandoned event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "ABANDONED", recordedAt, null);
    }

    @EventHandler
    void on(CaseCancelled event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "CANCELLED", recordedAt, null);
    }

    @EventHandler
    void on(ApplicantDidNotShow event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "NO_SHOW", recordedAt, null);
    }

    @EventHandler
    void on(AppealGranted event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "APPEAL_GRANTED", recordedAt, null);
    }

    @EventHandler
    void on(AppealUpheld event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        outcome(event.caseId(), sequence, "APPEAL_UPHELD", recordedAt, null);
    }

    @EventHandler
    void on(CardProduced event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        batch().add(new Figure(event.cardholderId(), sequence, FigureSection.CARDS, event.caseType().name(),
                recordedAt, null));
    }

    @EventHandler
    void on(CardRevoked event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        batch().add(new Figure(event.cardholderId(), sequence, FigureSection.CARDS, "REVOKED", recordedAt, null));
    }

    @EventHandler
    void on(PersonalDataPurged event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        batch().add(new Figure(event.sweepId(), sequence, FigureSection.PURGES,
                event.ruleId() + "/" + event.dataClass().name(), recordedAt, null));
    }

    private void outcome(UUID caseId, long sequence, String outcome, Instant recordedAt, Instant decidedAt) {
        batch().add(new Figure(caseId, sequence, FigureSection.CASE_OUTCOMES, outcome, recordedAt, decidedAt));
    }

    private AnnualFiguresBatch batch() {
        return UnitOfWorkBatch.current(AnnualFiguresProjection.class, () -> new AnnualFiguresBatch(jdbc),
                AnnualFiguresBatch::flush);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE read_model.annual_figure");
    }

    @QueryHandler
    AnnualFigures handle(CountAnnualFigures query) {
        OffsetDateTime from = LocalDate.of(query.year(), 1, 1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = from.plusYears(1);
        Map<FigureSection, Map<String, Long>> counts = new EnumMap<>(FigureSection.class);
        jdbc.query("""
                SELECT section, item, count(*) FROM read_model.annual_figure
                WHERE recorded_at >= ? AND recorded_at < ? GROUP BY section, item""", rs -> {
            counts.computeIfAbsent(FigureSection.valueOf(rs.getString(1)), section -> new HashMap<>())
                    .put(rs.getString(2), rs.getLong(3));
        }, from, to);
        // A case's submission is its CASES_BY_TYPE row, whose occurred_at is the submission time.
        return jdbc.queryForObject("""
                SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY days),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY days)
                FROM (SELECT extract(epoch FROM decided.occurred_at - submitted.occurred_at) / 86400.0 AS days
                      FROM read_model.annual_figure decided
                      JOIN read_model.annual_figure submitted
                        ON submitted.source_id = decided.source_id AND submitted.section = 'CASES_BY_TYPE'
                      WHERE decided.section = 'CASE_OUTCOMES' AND decided.item IN ('APPROVED', 'DENIED')
                        AND decided.recorded_at >= ? AND decided.recorded_at < ?) decisions""",
                (rs, row) -> {
                    long decided = rs.getLong(1);
                    return new AnnualFigures(query.year(), counts, decided,
                            decided == 0 ? null : rs.getDouble(2), decided == 0 ? null : rs.getDouble(3));
                }, from, to);
    }
}
