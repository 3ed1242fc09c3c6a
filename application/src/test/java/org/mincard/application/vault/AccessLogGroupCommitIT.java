package org.mincard.application.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mincard.application.oversight.Chainer;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Access-log group commit (ADR 0020) on PostgreSQL: 8 concurrent writers, each append returning only once its
 * records are committed; no record lost or doubled, commits shared between writers, and every chain verifies intact
 * after the chainer links them. Inside a caller's transaction the records roll back with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.oversight.chain.interval=PT1H",
        "mincard.oversight.chain.gap-grace=PT0S",
        "mincard.oversight.checkpoints.cron=-"})
class AccessLogGroupCommitIT {

    private static final int WRITERS = 8;
    private static final int APPENDS = 150;

    @Autowired
    AccessLog accessLog;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Chainer chainer;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void eightWritersShareCommits_loseNoRecord_andTheChainsVerify() throws Exception {
        String run = "group-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String actor = run + "-" + w;
            writers.add(pool.submit(() -> {
                int visibleAtReturn = 0;
                for (int i = 0; i < APPENDS; i++) {
                    // A named page writes several records in one append; a single read one.
                    int records = i % 10 == 0 ? 5 : 1;
                    List<AccessRecord> batch = new ArrayList<>();
                    for (int r = 0; r < records; r++) {
                        batch.add(record(actor, "ref-" + i));
                    }
                    accessLog.append(batch);
                    // Committed when append returns: another connection already sees every record of it.
                    Long seen = jdbc.queryForObject("""
                            SELECT count(*) FROM audit.access_record WHERE actor_id = ? AND request_reference = ?""",
                            Long.class, actor, "ref-" + i);
                    if (seen == records) {
                        visibleAtReturn++;
                    }
                }
                return visibleAtReturn;
            }));
        }
        for (Future<Integer> writer : writers) {
            assertThat(writer.get()).isEqualTo(APPENDS);
        }
        pool.shutdown();

        long expected = WRITERS * (APPENDS / 10 * 5L + (APPENDS - APPENDS / 10));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.access_record WHERE actor_id LIKE ?", Long.class,
                run + "-%")).isEqualTo(expected);
        Long commits = jdbc.queryForObject("""
                SELECT count(DISTINCT xmin::text) FROM audit.access_record WHERE actor_id LIKE ?""", Long.class,
                run + "-%");
        assertThat(commits).as("commits shared between writers").isLessThan((long) WRITERS * APPENDS);

        chainer.chainAll();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit.access_record r WHERE r.actor_id LIKE ?
                AND NOT EXISTS (SELECT 1 FROM audit.chain_link l WHERE l.stream = 'access-log' AND l.record_id = r.access_id)
                """, Long.class, run + "-%")).as("records not linked").isZero();
        assertThat(rest.withBasicAuth("auditor", "test-password")
                .postForEntity("/api/v1/audit/checkpoints", jsonBody(), String.class).getStatusCode().value())
                .isEqualTo(201);
        JsonNode report = json.readTree(rest.withBasicAuth("auditor", "test-password")
                .getForEntity("/api/v1/audit/verify", String.class).getBody());
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("streams")).anySatisfy(stream -> {
            assertThat(stream.get("stream").asText()).isEqualTo("access-log");
            assertThat(stream.get("findingCount").asLong()).isZero();
        });
    }

    @Test
    void insideACallersTransaction_theRecordsRollBackWithIt() {
        String actor = "rollback-" + UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            accessLog.append(List.of(record(actor, "ref-0")));
            throw new IllegalStateException("the caller fails after its read");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit.access_record WHERE actor_id = ?", Long.class,
                actor)).isZero();
    }

    private static HttpEntity<String> jsonBody() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(null, headers);
    }

    private static AccessRecord record(String actor, String reference) {
        return new AccessRecord(Instant.now(), actor, Role.CLERK, UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), DataClass.CONTACT, AccessPurpose.CASE_WORK, AccessOutcome.SHOWN, null, reference);
    }
}
