package org.mincard.application.retention;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Seeds n due items straight into the tables a sweep works on, without going through the lifecycle (which would take
 * minutes for 100,000 cardholders): per cardholder one case whose contact was decided upon a day before {@code now},
 * a live CONTACT data key (random bytes standing for the wrapped key), the case view's sealed copy, and the
 * schedule's facts and item, consistent with each other so a recomputation yields the same due time.
 */
final class DueItemsFixture {

    static final String RULE_ID = "min-contact-decision-made";

    private DueItemsFixture() {
    }

    static void seed(JdbcTemplate jdbc, int n, Instant now) {
        Timestamp decided = Timestamp.from(now.minusSeconds(86_400));
        jdbc.update("""
                WITH seed AS (
                    SELECT gen_random_uuid() AS holder, gen_random_uuid() AS case_id FROM generate_series(1, ?)
                ), k AS (
                    INSERT INTO vault.data_key (subject_id, data_class, key_version, kek_id, wrapped_key, created_at)
                    SELECT holder, 'CONTACT', 1, 'local-1', decode(md5(random()::text) || md5(random()::text), 'hex'), ?
                    FROM seed
                ), c AS (
                    INSERT INTO read_model.case_sealed_field (case_id, field, subject_id, data_class, key_version,
                        ciphertext)
                    SELECT case_id, 'CONTACT', holder, 'CONTACT', 1, decode(md5(random()::text), 'hex') FROM seed
                ), s AS (
                    INSERT INTO retention.schedule_source (source_id, kind, cardholder_id, site_id, opened_on)
                    SELECT case_id, 'CASE', holder, 'a0000000-0000-4000-8000-00000000000a', ? FROM seed
                ), ss AS (
                    INSERT INTO retention.schedule_sealed (source_id, data_class, sealed_at)
                    SELECT case_id, 'CONTACT', ? FROM seed
                ), f AS (
                    INSERT INTO retention.schedule_fact (source_id, fact, occurred_at)
                    SELECT case_id, 'DECISION_MADE', ? FROM seed
                )
                INSERT INTO retention.schedule_item (cardholder_id, data_class, due_at, rule_id, sealed_at)
                SELECT holder, 'CONTACT', ?, ?, ? FROM seed""",
                n, decided, decided.toInstant().atOffset(ZoneOffset.UTC).toLocalDate(), decided, decided, decided,
                RULE_ID, decided);
    }
}
