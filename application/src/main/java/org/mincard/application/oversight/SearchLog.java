package org.mincard.application.oversight;

import org.mincard.domain.shared.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Records a search by personal data before its answer leaves the service: who, when, which queue, how many terms
 * and how many candidates; never the terms. If the record cannot be written the search fails (no answer without a
 * trace).
 */
@Component
public class SearchLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SearchLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Actor actor, SearchKind kind, String queue, int terms, int matches) {
        jdbc.update("""
                INSERT INTO audit.search_record (occurred_at, actor_id, actor_role, kind, queue, terms, matches)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Timestamp.from(clock.instant()), actor.userId(),
                actor.role().name(), kind.name(), queue, terms, matches);
    }
}
