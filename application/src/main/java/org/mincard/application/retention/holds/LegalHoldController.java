package org.mincard.application.retention.holds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.retention.AuthorityReference;
import org.mincard.domain.retention.HoldReason;
import org.mincard.domain.retention.HoldScope;
import org.mincard.domain.retention.PlaceLegalHold;
import org.mincard.domain.retention.ReleaseLegalHold;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Legal holds: placed and released by records officers, each with its authority; recorded as events. */
@RestController
@Tag(name = "Retention")
class LegalHoldController {

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    LegalHoldController(CommandGateway commands, JdbcTemplate jdbc, Clock clock) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A hold's scope, its reason as a code and its authority as a reference (docket, order or certificate number):
     * never free text, because both stay in the hold's event and the hash-chained hold log.
     */
    record PlaceHoldRequest(List<UUID> caseIds, List<UUID> subjectIds, UUID siteId, LocalDate from, LocalDate to,
                            HoldReason reason, String authority) {
    }

    record ReleaseHoldRequest(String authority) {
    }

    record HoldView(UUID holdId, List<UUID> caseIds, List<UUID> subjectIds, UUID siteId, LocalDate from,
                    LocalDate to, String reason, String authority, Instant placedAt, Instant releasedAt,
                    String releaseAuthority) {
    }

    @PostMapping("/api/v1/retention/holds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place a legal hold (scope: case ids, subject ids, or a site and date range)")
    HoldView place(@RequestBody PlaceHoldRequest request) {
        if (request.reason() == null || !request.reason().selectable()) {
            throw RequestProblems.invalid("reason", "must be one of " + Arrays.stream(HoldReason.values())
                    .filter(HoldReason::selectable).map(Enum::name).toList());
        }
        requireReference(request.authority());
        HoldScope scope;
        try {
            scope = new HoldScope(request.caseIds(), request.subjectIds(), request.siteId(), request.from(),
                    request.to());
        } catch (IllegalArgumentException e) {
            throw RequestProblems.invalid("scope", "must name case ids, subject ids, or a site with from <= to");
        }
        UUID holdId = UUID.randomUUID();
        commands.sendAndWait(new PlaceLegalHold(holdId, scope, request.reason(), request.authority(),
                clock.instant()));
        return find(holdId);
    }

    @PostMapping("/api/v1/retention/holds/{holdId}/release")
    @Operation(summary = "Release a legal hold under an authority; what it held becomes due again")
    HoldView release(@PathVariable UUID holdId, @RequestBody ReleaseHoldRequest request) {
        requireReference(request.authority());
        if (exists(holdId)) {
            commands.sendAndWait(new ReleaseLegalHold(holdId, request.authority(), clock.instant()));
            return find(holdId);
        }
        throw ProblemException.notFound("Legal hold");
    }

    @GetMapping("/api/v1/retention/holds")
    @Operation(summary = "Every legal hold, newest first")
    List<HoldView> list() {
        return jdbc.query(SELECT + " ORDER BY placed_at DESC, hold_id", (rs, i) -> view(rs));
    }

    private static final String SELECT = """
            SELECT hold_id, case_ids, subject_ids, site_id, from_date, to_date, reason, authority, placed_at,
                   released_at, release_authority FROM retention.legal_hold""";

    private boolean exists(UUID holdId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM retention.legal_hold WHERE hold_id = ?)", Boolean.class, holdId));
    }

    private HoldView find(UUID holdId) {
        return jdbc.query(SELECT + " WHERE hold_id = ?", (rs, i) -> view(rs), holdId).get(0);
    }

    private static HoldView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp released = rs.getTimestamp(10);
        return new HoldView(rs.getObject(1, UUID.class), uuids(rs.getArray(2)), uuids(rs.getArray(3)),
                rs.getObject(4, UUID.class), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                released == null ? null : released.toInstant(), rs.getString(11));
    }

    private static List<UUID> uuids(java.sql.Array array) throws java.sql.SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(UUID.class::cast).toList();
    }

    private static void requireReference(String authority) {
        if (!AuthorityReference.isWellFormed(authority)) {
            throw RequestProblems.invalid("authority", "must be a reference such as a docket, order or certificate"
                    + " number (3-64 letters, digits or . / : # - _, with a digit, no spaces), never free text");
        }
    }
}
