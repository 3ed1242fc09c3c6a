package org.mincard.application.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mincard.domain.cardholder.CardholderEvent;
import org.mincard.domain.casefile.CaseFileEvent;
import org.mincard.domain.casefile.PointsTally;
import org.mincard.domain.personaldata.DataClass;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.request.DataRequestEvent;
import org.mincard.domain.retention.HoldScope;
import org.mincard.domain.retention.LegalHoldEvent;
import org.mincard.domain.retention.SweepEvent;

import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approval tests of the stored event JSON: every event of every aggregate, at its revision, must serialize exactly
 * as its approved file in {@code src/test/resources/events/<Event>.v<revision>.json}, and the approved JSON must read
 * back into an equal event. A change to an event's shape fails here until the revision is bumped (and an upcaster
 * written if old JSON cannot be read). A new event without an approved file fails too; the test writes what it saw to
 * {@code target/events-received/} for review.
 */
class EventContractTest {

    private static final ObjectMapper STORAGE = AxonConfig.storageObjectMapper();
    private static final ObjectMapper PRETTY = STORAGE.copy()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);

    static Stream<Class<?>> events() {
        return Stream.of(CaseFileEvent.class, CardholderEvent.class, LegalHoldEvent.class, SweepEvent.class,
                        DataRequestEvent.class)
                .flatMap(role -> Arrays.stream(role.getPermittedSubclasses()));
    }

    @TestFactory
    Stream<DynamicTest> everyEventMatchesItsApprovedJson() {
        return events().map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> check(type)));
    }

    @Test
    void everyEventCarriesARevision() {
        assertThat(events()).isNotEmpty().allSatisfy(type ->
                assertThat(type.getAnnotation(Revision.class)).as(type.getSimpleName()).isNotNull());
    }

    private static void check(Class<?> type) throws Exception {
        String revision = type.getAnnotation(Revision.class).value();
        String name = type.getSimpleName() + ".v" + revision + ".json";
        Object sample = sample(type);
        JsonNode actual = STORAGE.readTree(STORAGE.writeValueAsBytes(sample));
        try (InputStream approved = EventContractTest.class.getResourceAsStream("/events/" + name)) {
            if (approved == null) {
                Path received = Path.of("target", "events-received", name);
                Files.createDirectories(received.getParent());
                Files.writeString(received, PRETTY.writeValueAsString(PRETTY.treeToValue(actual, Object.class)),
                        StandardCharsets.UTF_8);
                throw new AssertionError("No approved JSON for " + name + "; review " + received
                        + " and copy it to src/test/resources/events/ if it is right.");
            }
            JsonNode expected = STORAGE.readTree(approved);
            assertThat(actual).as(name).isEqualTo(expected);
            assertThat(STORAGE.treeToValue(expected, type)).as("reads back").isEqualTo(sample);
        }
    }

    /** A deterministic instance of an event: every component filled with a fixed value of its type. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum()
                    ? List.of(element.getEnumConstants()[0])
                    : value(components[i].getName(), types[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(String name, Class<?> type) {
        if (type == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        } else if (type == Instant.class) {
            return Instant.parse("2026-03-02T14:15:16.123Z");
        } else if (type == LocalDate.class) {
            return LocalDate.of(2026, 3, 2);
        } else if (type == String.class) {
            return name + "-sample";
        } else if (type == boolean.class) {
            return true;
        } else if (type == long.class) {
            return 7L;
        } else if (type == List.class) {
            // Every list component of an event that is not a list of codes (above) is a list of ids.
            return List.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
        } else if (type == SealedValue.class) {
            return new SealedValue(new KeyReference(UUID.nameUUIDFromBytes("subject".getBytes(StandardCharsets.UTF_8)),
                    DataClass.REVIEW, 1), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        } else if (type == PointsTally.class) {
            return new PointsTally(3, 1, true, true);
        } else if (type == HoldScope.class) {
            return new HoldScope(List.of(UUID.nameUUIDFromBytes("case".getBytes(StandardCharsets.UTF_8))),
                    List.of(UUID.nameUUIDFromBytes("subject".getBytes(StandardCharsets.UTF_8))),
                    UUID.nameUUIDFromBytes("site".getBytes(StandardCharsets.UTF_8)), LocalDate.of(2026, 1, 1),
                    LocalDate.of(2026, 3, 31));
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("no sample value for " + type.getName() + " " + name
                + "; teach EventContractTest");
    }

    @Test
    void sampleValuesAreDeterministic() throws Exception {
        assertThat(events()).allSatisfy(type -> assertThat(Objects.equals(sample(type), sample(type))).isTrue());
    }
}
