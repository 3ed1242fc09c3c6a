package org.mincard.application.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.mincard.domain.request.DataRequestRegistered;
import org.mincard.domain.request.RequestedRecord;
import org.mincard.domain.retention.HoldReason;
import org.mincard.domain.retention.LegalHoldPlaced;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff entries are codes and references, never free text: the hold API refuses a free-text authority or reason
 * without echoing it, and events stored at revision 1, when hold reasons and request scopes were free text, stay
 * readable through the event store: the registered upcasters give revision 2 without the text (the approved v1 JSON
 * is the stored payload).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffEntriesIT {

    @Autowired
    TestRestTemplate rest;

    @Test
    void refusesAFreeTextHold_namingTheFieldButNotTheText() {
        TestRestTemplate officer = rest.withBasicAuth("records-officer", "test-password");
        int holdsBefore = jdbc.queryForObject("SELECT count(*) FROM retention.legal_hold", Integer.class);

        ResponseEntity<String> freeAuthority = officer.postForEntity("/api/v1/retention/holds", Map.of(
                "subjectIds", List.of(UUID.randomUUID().toString()), "reason", "LITIGATION_PENDING",
                "authority", "Letter from Jane Roe 2026"), String.class);
        ResponseEntity<String> freeReason = officer.postForEntity("/api/v1/retention/holds", Map.of(
                "subjectIds", List.of(UUID.randomUUID().toString()), "reason", "Jane Roe asked",
                "authority", "1:26-cv-00101"), String.class);
        ResponseEntity<String> uncoded = officer.postForEntity("/api/v1/retention/holds", Map.of(
                "subjectIds", List.of(UUID.randomUUID().toString()), "reason", "UNCODED",
                "authority", "1:26-cv-00101"), String.class);
        ResponseEntity<String> placed = officer.postForEntity("/api/v1/retention/holds", Map.of(
                "subjectIds", List.of(UUID.randomUUID().toString()), "reason", "PRESERVATION_ORDER",
                "authority", "1:26-cv-00101"), String.class);

        assertThat(freeAuthority.getStatusCode().value()).isEqualTo(400);
        assertThat(freeAuthority.getBody()).contains("authority").doesNotContain("Jane");
        assertThat(freeReason.getStatusCode().value()).isEqualTo(400);
        assertThat(freeReason.getBody()).contains("reason").doesNotContain("Jane");
        assertThat(uncoded.getStatusCode().value()).isEqualTo(400);
        assertThat(placed.getStatusCode().value()).as(placed.getBody()).isEqualTo(201);
        assertThat(placed.getBody()).contains("\"reason\":\"PRESERVATION_ORDER\"")
                .contains("\"authority\":\"1:26-cv-00101\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM retention.legal_hold", Integer.class))
                .isEqualTo(holdsBefore + 1);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Test
    void readsARevisionOneHoldWithoutItsFreeTextReason() throws IOException {
        String aggregateId = UUID.randomUUID().toString();
        store(aggregateId, "LegalHold", LegalHoldPlaced.class, approved("LegalHoldPlaced.v1.json")
                .replace("reason-sample", "Jane Doe asked us to keep her file"));

        Object payload = eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .findFirst().orElseThrow();

        LegalHoldPlaced placed = (LegalHoldPlaced) payload;
        assertThat(placed.reason()).isEqualTo(HoldReason.UNCODED);
        assertThat(placed.authority()).isEqualTo("authority-sample");
        assertThat(placed.toString()).doesNotContain("Jane");
    }

    @Test
    void readsARevisionOneRequestWithoutItsFreeTextScope() throws IOException {
        String aggregateId = UUID.randomUUID().toString();
        store(aggregateId, "DataRequest", DataRequestRegistered.class, approved("DataRequestRegistered.v1.json")
                .replace("scopeDescription-sample", "Everything about Jane Doe"));

        Object payload = eventStore.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload)
                .findFirst().orElseThrow();

        DataRequestRegistered registered = (DataRequestRegistered) payload;
        assertThat(registered.requestedRecords()).isEqualTo(List.of(RequestedRecord.UNSPECIFIED));
        assertThat(registered.toString()).doesNotContain("Jane");
    }

    private void store(String aggregateId, String aggregateType, Class<?> type, String json) {
        jdbc.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, 0, ?, ?, ?, ?, '1', ?, '2026-03-02T14:15:16.123Z')""",
                aggregateId, aggregateType, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), type.getName());
    }

    private static String approved(String name) throws IOException {
        try (InputStream in = StaffEntriesIT.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
