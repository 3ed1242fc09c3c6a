package org.mincard.application.vault;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.mincard.domain.personaldata.CardNumber;
import org.mincard.domain.personaldata.CardRecord;
import org.mincard.domain.personaldata.Contact;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.Delivery;
import org.mincard.domain.personaldata.PersonalData;
import org.mincard.domain.personaldata.Review;

import java.io.IOException;

/**
 * The plaintext form of personal data before sealing: canonical JSON of the record (properties in alphabetical
 * order, ISO dates, nulls left out), tagged with the record's type, because one class may hold several kinds of
 * value (the card record and the card number are both {@link DataClass#CARD_RECORD}). The mapper is private to the
 * vault so that no REST or storage setting can change the bytes under existing ciphertext. Failures never carry the
 * content.
 */
final class PersonalDataCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // A value sealed by a newer version may carry a field this one does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .addMixIn(PersonalData.class, TypeTag.class)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writerFor(PersonalData.class);
    private static final ObjectReader READER = MAPPER.readerFor(PersonalData.class);

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = CardRecord.class, name = "CardRecord"),
            @JsonSubTypes.Type(value = CardNumber.class, name = "CardNumber"),
            @JsonSubTypes.Type(value = Contact.class, name = "Contact"),
            @JsonSubTypes.Type(value = Delivery.class, name = "Delivery"),
            @JsonSubTypes.Type(value = Review.class, name = "Review")})
    private interface TypeTag {
    }

    private PersonalDataCodec() {
    }

    static byte[] encode(PersonalData data) {
        try {
            return WRITER.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + data.dataClass() + " data for sealing");
        }
    }

    static PersonalData decode(DataClass dataClass, byte[] json) {
        PersonalData data;
        try {
            data = READER.readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot decode unsealed " + dataClass + " data");
        }
        if (data.dataClass() != dataClass) {
            throw new IllegalStateException("a value sealed as " + dataClass + " holds " + data.dataClass() + " data");
        }
        return data;
    }
}
