package org.mincard.application.security;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The actor of an HTTP request reaches the stored event's metadata: ids and role only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActorMetadataIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void storesClerksIdRoleAndSite_whenClerkSubmitsCase() {
        String caseId = submit("clerk-a", DemoUsers.SITE_A);

        MetaData metadata = storedMetadata(caseId);

        assertThat(metadata)
                .containsEntry(ActorMetadataInterceptor.ACTOR_ID, DemoUsers.builtIn().get("clerk-a").userId())
                .containsEntry(ActorMetadataInterceptor.ACTOR_ROLE, "CLERK")
                .containsEntry(ActorMetadataInterceptor.ACTOR_SITES, DemoUsers.SITE_A.toString())
                .containsKeys("correlationId", "traceId");
    }

    @Test
    void storesEverySiteOfTheSupervisor_whenSupervisorSubmitsCase() {
        String caseId = submit("supervisor", DemoUsers.SITE_B);

        MetaData metadata = storedMetadata(caseId);

        assertThat(metadata)
                .containsEntry(ActorMetadataInterceptor.ACTOR_ROLE, "SUPERVISOR")
                .containsEntry(ActorMetadataInterceptor.ACTOR_SITES, DemoUsers.SITE_A + "," + DemoUsers.SITE_B);
        assertThat(metadata.values()).noneMatch(value -> String.valueOf(value).contains("supervisor"));
    }

    private String submit(String user, UUID siteId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, AuthorizationMatrixIT.PASSWORD);
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<Map> created = rest.exchange("/api/v1/cases", HttpMethod.POST,
                new HttpEntity<>(Map.of("type", "NEW", "siteId", siteId.toString(),
                        "applicant", Map.of("legalName", "Metadata Applicant", "dateOfBirth", "1990-01-01")),
                        headers), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) created.getBody().get("caseId");
    }

    private MetaData storedMetadata(String caseId) {
        byte[] stored = jdbc.queryForObject(
                "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0",
                byte[].class, caseId);
        return eventSerializer.deserialize(
                new SimpleSerializedObject<>(stored, byte[].class, MetaData.class.getName(), null));
    }
}
