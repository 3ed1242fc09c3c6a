package org.mincard.application.vault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.application.vault.PurgeReference;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.vault.kek.keys.old.value=" + KeyRotationIT.OLD_KEK,
        "mincard.vault.kek.keys.new.value=" + KeyRotationIT.NEW_KEK,
        "mincard.vault.kek.current-id=new",
        "mincard.vault.keys.rotation-batch-size=200",
        "mincard.security.demo.users.test-admin.password=test-password",
        "mincard.security.demo.users.test-admin.role=ADMIN"})
class KeyRotationIT {

    /** Body-less POSTs still declare JSON: the API refuses any other POST (CSRF defence, docs/security.md). */
    private static final HttpEntity<Void> JSON_NO_BODY = jsonNoBody();

    private static HttpEntity<Void> jsonNoBody() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(headers);
    }

    static final String OLD_KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String NEW_KEK = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    @Autowired
    DataKeys dataKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ErasureLedger ledger;

    @Test
    void rewrapsEveryLiveKeyUnderTheNewKekAndKeepsThemUsable_whenAnAdminRotates() {
        DataKeys beforeRotation = new DataKeys(jdbc, new LocalKeyEncryptionKeys(Map.of(
                "old", new SecretKeySpec(Base64.getDecoder().decode(OLD_KEK), "AES")), "old"), new DataKeyCache(0), clock,
                ledger);
        List<SealingKey> keys = IntStream.range(0, 450)
                .mapToObj(i -> beforeRotation.keyForSealing(UUID.randomUUID(), DataClass.CARD_RECORD)).toList();
        UUID purgedSubject = keys.get(0).reference().subjectId();
        beforeRotation.destroyKeys(purgedSubject, DataClass.CARD_RECORD, new PurgeReference(UUID.randomUUID(), "r"));

        ResponseEntity<JsonNode> started = admin().postForEntity("/api/v1/admin/key-rotations", JSON_NO_BODY, JsonNode.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().get("targetKekId").asText()).isEqualTo("new");
        assertThat(started.getBody().get("total").asLong()).isEqualTo(449);
        String location = started.getHeaders().getLocation().toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode progress = admin().getForObject(location, JsonNode.class);
            assertThat(progress.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(progress.get("done").asLong()).isEqualTo(449);
            assertThat(progress.get("remaining").asLong()).isZero();
        });
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM vault.data_key WHERE wrapped_key IS NOT NULL AND kek_id = 'old'""", Long.class))
                .isZero();
        Map<KeyReference, KeyState> states = dataKeys.keysForUnsealing(
                keys.stream().map(SealingKey::reference).toList());
        for (SealingKey key : keys.subList(1, keys.size())) {
            assertThat(((KeyState.Live) states.get(key.reference())).key().getEncoded())
                    .isEqualTo(key.key().getEncoded());
        }
        assertThat(states.get(keys.get(0).reference())).isInstanceOf(KeyState.Destroyed.class);
    }

    @Test
    void refusesTheRotation_whenTheCallerIsNotAnAdmin() {
        ResponseEntity<String> asClerk = rest.withBasicAuth("test-clerk", "test-password")
                .postForEntity("/api/v1/admin/key-rotations", JSON_NO_BODY, String.class);
        ResponseEntity<String> anonymous = rest.postForEntity("/api/v1/admin/key-rotations", JSON_NO_BODY, String.class);

        assertThat(asClerk.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void answersNotFound_whenTheRotationIsUnknown() {
        ResponseEntity<String> unknown = admin().getForEntity("/api/v1/admin/key-rotations/" + UUID.randomUUID(),
                String.class);

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private TestRestTemplate admin() {
        return rest.withBasicAuth("test-admin", "test-password");
    }
}
