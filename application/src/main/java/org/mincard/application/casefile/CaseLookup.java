package org.mincard.application.casefile;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.mincard.domain.casefile.CaseSubmitted;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.AgeBand;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.NotVisible;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Command-side lookup of cases ({@code lookup.case_file}, ADR 0019): what a command needs before it can be built (the
 * cardholder its personal data is sealed for, the site that scopes it, what card production carries over). Runs as a
 * subscribing processor, so a row exists exactly when the case's first event is committed; commands never wait for
 * the eventually consistent case view. The case's state is not here: the aggregate decides with its own.
 */
@Component
@ProcessingGroup(CaseLookup.PROCESSING_GROUP)
public class CaseLookup {

    public static final String PROCESSING_GROUP = "case-lookup";

    /** The facts of a case a command is built from. */
    public record CaseFacts(UUID caseId, UUID cardholderId, UUID siteId, CaseType type, AgeBand ageBand,
                            UUID previousCardId) {
    }

    private final JdbcTemplate jdbc;

    CaseLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CaseFacts> find(UUID caseId) {
        return jdbc.query("""
                        SELECT case_id, cardholder_id, site_id, case_type, age_band, previous_card_id
                        FROM lookup.case_file WHERE case_id = ?
                        """,
                (rs, row) -> new CaseFacts(rs.getObject("case_id", UUID.class),
                        rs.getObject("cardholder_id", UUID.class), rs.getObject("site_id", UUID.class),
                        CaseType.valueOf(rs.getString("case_type")), AgeBand.valueOf(rs.getString("age_band")),
                        rs.getObject("previous_card_id", UUID.class)),
                caseId).stream().findFirst();
    }

    /** The case's facts, or the uniform 404 when it does not exist or belongs to a site the actor may not see. */
    public CaseFacts require(UUID caseId, Actor actor) {
        return find(caseId).filter(facts -> actor.canSee(facts.siteId()))
                .orElseThrow(() -> new NotVisible("Case " + caseId));
    }

    @EventHandler
    void on(CaseSubmitted event) {
        recordAll(List.of(event));
    }

    /**
     * Writes the rows of cases whose {@code CaseSubmitted} events are appended in the caller's transaction without
     * Axon's event bus (the cardholder import, ADR 0021): subscribing processors see only what the bus publishes, so
     * whoever appends around it keeps this lookup itself, in the same transaction.
     */
    public void recordAll(List<CaseSubmitted> submissions) {
        jdbc.batchUpdate("""
                        INSERT INTO lookup.case_file (case_id, cardholder_id, site_id, case_type, age_band,
                                                      previous_card_id)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING
                        """, submissions, submissions.size(), (statement, event) -> {
                    statement.setObject(1, event.caseId());
                    statement.setObject(2, event.cardholderId());
                    statement.setObject(3, event.siteId());
                    statement.setString(4, event.type().name());
                    statement.setString(5, event.ageBand().name());
                    statement.setObject(6, event.previousCardId());
                });
    }
}
