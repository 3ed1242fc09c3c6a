package org.mincard.application.operations;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Reads the oldest parked sequences across processing groups from Axon's dead-letter table
 * ({@code deadletterentry}): counts, times and the failure's exception type, never payloads or messages. Axon's
 * queue API answers per group and per sequence only, so the overview across groups is one query here.
 */
@Component
class ParkedSequences {

    record ParkedSequence(String processingGroup, String sequence, long events, Instant firstEnqueuedAt,
                          Instant lastTouchedAt, String causeType) {
    }

    private final JdbcTemplate jdbc;

    ParkedSequences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first. */
    List<ParkedSequence> oldest(int limit) {
        return jdbc.query("""
                SELECT processinggroup, sequenceidentifier, count(*), min(enqueuedat), max(lasttouched),
                       max(causetype)
                FROM deadletterentry
                GROUP BY processinggroup, sequenceidentifier
                ORDER BY min(enqueuedat), processinggroup, sequenceidentifier
                LIMIT ?""", (row, n) -> new ParkedSequence(row.getString(1), row.getString(2), row.getLong(3),
                instant(row.getString(4)), instant(row.getString(5)), row.getString(6)), limit);
    }

    /** Axon's JDBC queue stores times as ISO-8601 text. */
    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
