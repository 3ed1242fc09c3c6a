package org.mincard.application.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One place for the rules every value read by the API obeys, whatever the endpoint (docs/security.md, "Hostile
 * input"):
 * <ul>
 *     <li>text contains no control characters other than tab, line feed and carriage return (PostgreSQL refuses
 *     NUL, and logs and CSV exports must not be steered by them);</li>
 *     <li>dates and instants, in bodies and in query parameters, lie between 0001-01-01 and 9999-12-31 (the
 *     database and the reports cannot hold the years Java can);</li>
 *     <li>no {@code null} element in any array or collection, and no empty string where a non-text value (UUID,
 *     enum, date, number) is expected;</li>
 *     <li>a key appears only once in a JSON object ({@code spring.jackson.parser.strict-duplicate-detection}).</li>
 * </ul>
 * Each breach is a Jackson mapping error or a conversion failure, which {@link ApiProblems} answers as a 400 naming
 * the field or parameter, never the value.
 */
@Configuration(proxyBeanMethods = false)
class StrictInputConfig implements WebMvcConfigurer {

    static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonValues() {
        SimpleModule module = new SimpleModule("mincard-strict-input");
        module.addDeserializer(String.class, new PlainTextDeserializer());
        module.addDeserializer(LocalDate.class, new RangeCheckedDeserializer<>(LocalDate.class,
                LocalDateDeserializer.INSTANCE, StrictInputConfig::inRange));
        module.addDeserializer(Instant.class, new RangeCheckedDeserializer<>(Instant.class,
                InstantDeserializer.INSTANT, StrictInputConfig::inRange));
        return builder -> builder
                .modulesToInstall(module)
                .postConfigurer(mapper -> {
                    mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
                    mapper.coercionConfigDefaults()
                            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                });
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        // Added last, so it is consulted before the @DateTimeFormat formatters for the same types.
        registry.addConverter(new TemporalParameterConverter());
    }

    static boolean inRange(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    static boolean inRange(Instant instant) {
        return instant.isAfter(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1))
                && instant.isBefore(LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The position of the first character text may not carry, or -1. */
    static int forbiddenCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return i;
            }
        }
        return -1;
    }

    /** Strings as Jackson reads them, refused when they carry a control character. */
    static final class PlainTextDeserializer extends StdScalarDeserializer<String> {

        PlainTextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && forbiddenCharacter(text) >= 0) {
                // The value is not put into the exception: only the field's path reaches the answer.
                throw InvalidFormatException.from(parser, "must not contain control characters", null,
                        PlainText.class);
            }
            return text;
        }
    }

    /** Marker type so that the problem answer can name the rule ("text without control characters"). */
    public static final class PlainText {
        private PlainText() {
        }
    }

    /** Reads with Jackson's own deserializer, then refuses values outside the range the service can hold. */
    static final class RangeCheckedDeserializer<T> extends StdScalarDeserializer<T> {

        private final transient JsonDeserializer<? extends T> delegate;
        private final transient Predicate<T> inRange;

        RangeCheckedDeserializer(Class<T> type, JsonDeserializer<? extends T> delegate,
                                 Predicate<T> inRange) {
            super(type);
            this.delegate = delegate;
            this.inRange = inRange;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T value = delegate.deserialize(parser, context);
            if (value != null && !inRange.test(value)) {
                throw InvalidFormatException.from(parser, "outside the years 1 to 9999", null, handledType());
            }
            return value;
        }
    }

    /** Query and path parameters of type LocalDate or Instant: ISO-8601, within the years 1 to 9999. */
    static final class TemporalParameterConverter implements GenericConverter {

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return Set.of(new ConvertiblePair(String.class, LocalDate.class),
                    new ConvertiblePair(String.class, Instant.class));
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            String text = source == null ? "" : source.toString().trim();
            if (text.isEmpty()) {
                return null;
            }
            if (targetType.getType() == LocalDate.class) {
                LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                if (!inRange(date)) {
                    throw new IllegalArgumentException("date outside the years 1 to 9999");
                }
                return date;
            }
            Instant instant = DateTimeFormatter.ISO_DATE_TIME.parse(text, Instant::from);
            if (!inRange(instant)) {
                throw new IllegalArgumentException("instant outside the years 1 to 9999");
            }
            return instant;
        }
    }
}
