package org.mincard.application.vault;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;

import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Events carry sealed values; their JSON must stay readable whether or not the key still exists. */
class SealedValueJsonTest {

    /** The same settings as the Axon storage mapper (AxonConfig.storageObjectMapper). */
    private static final ObjectMapper STORAGE = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void storesKeyReferenceAndBase64CiphertextOnly_whenSerializedForTheEventStore() throws Exception {
        UUID subjectId = UUID.fromString("6f1c1d8e-33a9-4d0e-9a43-0d3e1f2a4b5c");
        SealedValue sealed = new SealedValue(new KeyReference(subjectId, DataClass.CONTACT, 2), new byte[]{1, 2, 3});

        String json = STORAGE.writeValueAsString(sealed);

        assertThat(json).isEqualTo("{\"key\":{\"subjectId\":\"" + subjectId
                + "\",\"dataClass\":\"CONTACT\",\"keyVersion\":2},\"ciphertext\":\""
                + Base64.getEncoder().encodeToString(new byte[]{1, 2, 3}) + "\"}");
        assertThat(STORAGE.readValue(json, SealedValue.class)).isEqualTo(sealed);
    }
}
