package org.mincard.domain;

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

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Every permitted event class of the sealed event families, and a sample of each: every component filled with a
 * value of its type that only depends on the component's name, so that the events of one sample share their ids
 * (every {@code caseId} is the same case).
 */
public final class EventSamples {

    public static final List<Class<?>> FAMILIES = List.of(CaseFileEvent.class, CardholderEvent.class,
            LegalHoldEvent.class, SweepEvent.class, DataRequestEvent.class);

    public static final Instant AT = Instant.parse("2026-03-02T14:15:16.123Z");

    private EventSamples() {
    }

    public static Stream<Class<?>> permitted(Class<?> family) {
        return Arrays.stream(family.getPermittedSubclasses());
    }

    public static Stream<Class<?>> all() {
        return FAMILIES.stream().flatMap(EventSamples::permitted);
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    public static <T> T sample(Class<T> type) {
        return sample(type, Map.of());
    }

    /** A sample whose named components take the given values instead. */
    public static <T> T sample(Class<T> type, Map<String, Object> overrides) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            String name = components[i].getName();
            values[i] = overrides.containsKey(name) ? overrides.get(name) : value(name, types[i]);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + type.getSimpleName(), e);
        }
    }

    private static Object value(String name, Class<?> type) {
        if (type == UUID.class) {
            return id(name);
        } else if (type == Instant.class) {
            return AT;
        } else if (type == LocalDate.class) {
            return LocalDate.of(2026, 3, 2);
        } else if (type == String.class) {
            return name + "-sample";
        } else if (type == boolean.class) {
            return true;
        } else if (type == long.class) {
            return 7L;
        } else if (type == int.class) {
            return 7;
        } else if (type == List.class) {
            return List.of(id(name));
        } else if (type == SealedValue.class) {
            return new SealedValue(new KeyReference(id("cardholderId"), DataClass.REVIEW, 1), new byte[] {1, 2, 3});
        } else if (type == PointsTally.class) {
            return new PointsTally(3, 1, true, true);
        } else if (type == HoldScope.class) {
            return new HoldScope(List.of(id("caseId")), List.of(), null, null, null);
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("no sample value for " + type.getName() + " " + name
                + "; teach EventSamples");
    }
}
