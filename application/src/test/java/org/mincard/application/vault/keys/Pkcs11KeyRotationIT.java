package org.mincard.application.vault.keys;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mincard.application.vault.ErasureLedger;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rotation between two KEKs inside a real SoftHSM2 token: data keys wrapped under the old token key are rewrapped by
 * the rotation endpoint under the new one and stay usable; the old key object is then deleted from the token and a
 * wrapped key copied before the rotation can no longer be unwrapped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.vault.keys.rotation-batch-size=100",
        "mincard.security.demo.users.test-admin.password=test-password",
        "mincard.security.demo.users.test-admin.role=ADMIN"})
class Pkcs11KeyRotationIT {

    static final String OLD = SoftHsm.createKek("rotation-old");
    static final String NEW = SoftHsm.createKek("rotation-new");

    @DynamicPropertySource
    static void hsm(DynamicPropertyRegistry registry) {
        for (String property : SoftHsm.springProperties(NEW, List.of(OLD, NEW))) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    @Autowired
    KeyEncryptionKeys keks;

    @Autowired
    DataKeys dataKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ErasureLedger ledger;

    @Autowired
    Clock clock;

    @Autowired
    TestRestTemplate rest;

    @Test
    void rewrapsEveryLiveKeyFromTheOldTokenKeyToTheNew_andTheOldKeyIsGoneAfterDestruction() {
        assertThat(keks).isInstanceOf(Pkcs11KeyEncryptionKeys.class);
        assertThat(keks.heldKekIds()).containsExactlyInAnyOrder(OLD, NEW);
        DataKeys beforeRotation = new DataKeys(jdbc,
                Pkcs11KeyEncryptionKeys.open(SoftHsm.settings(List.of(OLD)), OLD), new DataKeyCache(0), clock, ledger);
        List<SealingKey> keys = IntStream.range(0, 250)
                .mapToObj(i -> beforeRotation.keyForSealing(UUID.randomUUID(), DataClass.CONTACT)).toList();
        Map<String, Object> copiedBeforeRotation = jdbc.queryForMap(
                "SELECT kek_id, wrapped_key FROM vault.data_key WHERE subject_id = ? AND data_class = 'CONTACT'",
                keys.get(0).reference().subjectId());
        assertThat(copiedBeforeRotation.get("kek_id")).isEqualTo(OLD);

        ResponseEntity<JsonNode> started = admin().postForEntity("/api/v1/admin/key-rotations", jsonNoBody(), JsonNode.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().get("targetKekId").asText()).isEqualTo(NEW);
        String location = started.getHeaders().getLocation().toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode progress = admin().getForObject(location, JsonNode.class);
            assertThat(progress.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(progress.get("remaining").asLong()).isZero();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault.data_key WHERE kek_id = ?", Long.class, OLD))
                .isZero();
        Map<KeyReference, KeyState> states = dataKeys.keysForUnsealing(
                keys.stream().map(SealingKey::reference).toList());
        for (SealingKey key : keys) {
            assertThat(((KeyState.Live) states.get(key.reference())).key().getEncoded())
                    .isEqualTo(key.key().getEncoded());
        }

        keks.destroy(OLD);

        assertThat(keks.heldKekIds()).containsExactly(NEW);
        assertThat(Pkcs11KeyEncryptionKeys.labelsOnToken(SoftHsm.settings(List.of()))).doesNotContain(OLD);
        byte[] associatedData = associatedDataOf(keys.get(0).reference());
        WrappedKey stale = new WrappedKey(OLD, (byte[]) copiedBeforeRotation.get("wrapped_key"));
        assertThatThrownBy(() -> keks.unwrap(stale, associatedData)).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] associatedDataOf(KeyReference reference) {
        return DataKeys.associatedData(reference);
    }

    /** A body-less POST still declares JSON (the API refuses other media types). */
    private static HttpEntity<Void> jsonNoBody() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(headers);
    }

    private TestRestTemplate admin() {
        return rest.withBasicAuth("test-admin", "test-password");
    }
}
