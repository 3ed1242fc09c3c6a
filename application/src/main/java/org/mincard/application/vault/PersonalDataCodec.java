package org.mincard.application.vault;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.Delivery;
import org.mincard.domain.personaldata.PersonalData;
import org.mincard.domain.personaldata.Review;

import java.io.IOException;

/**
 * The plaintext form of personal data before sealing: canonical JSON of the record (properties in alphabetical
 * order, ISO dates, nulls left out). The mapper is private to the vault so that no REST or storage setting can change
 * the bytes under existing ciphertext. Failures never carry the content.
 */
final class PersonalDataCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // A value sealed by a newer version may carry a field this one does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private static final java.util.Map<DataClass, ObjectReader> READERS = readers();

    private PersonalDataCodec() {
    }

    static byte[] encode(PersonalData data) {
        try {
            return MAPPER.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + data.dataClass() + " data for sealing");
        }
    }

    static PersonalData decode(DataClass dataClass, byte[] json) {
        try {
            return READERS.get(dataClass).readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode unsealed " + dataClass + " data");
        }
    }

    private static java.util.Map<DataClass, ObjectReader> readers() {
        java.util.Map<DataClass, ObjectReader> readers = new java.util.EnumMap<>(DataClass.class);
        for (DataClass dataClass : DataClass.values()) {
            readers.put(dataClass, MAPPER.readerFor(type(dataClass)));
        }
        return readers;
    }

    private static Class<? extends PersonalData> type(DataClass dataClass) {
        return switch (dataClass) {
            case CARD_RECORD -> CardRecord.class;
            case CONTACT -> Contact.class;
            case DELIVERY -> Delivery.class;
            case REVIEW -> Review.class;
        };
    }
}
