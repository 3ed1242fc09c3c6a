package org.mincard.application.vault.forbidden;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds forbidden field names anywhere in a JSON document with a streaming parser, without building objects and
 * without ever looking at a value, so nothing forbidden is copied, stored or logged.
 */
final class ForbiddenFields {

    /** One forbidden field found: its JSON path (e.g. {@code applicant.documents[0].documentNumber}) and rule. */
    record Finding(String field, String rule) {
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private final Map<String, String> ruleByNormalizedName;

    ForbiddenFields(Map<String, List<String>> namesByRule) {
        Map<String, String> rules = new HashMap<>();
        namesByRule.forEach((rule, names) -> names.forEach(name -> {
            String previous = rules.put(normalize(name), rule);
            if (previous != null && !previous.equals(rule)) {
                throw new IllegalStateException("forbidden field '" + name + "' is listed under two rules: "
                        + previous + " and " + rule);
            }
        }));
        this.ruleByNormalizedName = Map.copyOf(rules);
    }

    int size() {
        return ruleByNormalizedName.size();
    }

    static String normalize(String name) {
        StringBuilder normalized = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                normalized.append(c);
            }
        }
        return normalized.toString();
    }

    Optional<String> ruleFor(String fieldName) {
        return Optional.ofNullable(ruleByNormalizedName.get(normalize(fieldName)));
    }

    /**
     * The forbidden fields in this JSON, in document order; empty if none. A body that is not well-formed JSON
     * yields what was found before the syntax error (the normal request handling then rejects the rest).
     */
    List<Finding> scan(byte[] json) {
        List<Finding> findings = new ArrayList<>();
        if (ruleByNormalizedName.isEmpty()) {
            return findings;
        }
        Deque<Segment> path = new ArrayDeque<>();
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        advanceIndex(path);
                        path.push(token == JsonToken.START_ARRAY ? Segment.array() : Segment.object());
                    }
                    case END_OBJECT, END_ARRAY -> path.pop();
                    case FIELD_NAME -> {
                        path.peek().name = parser.currentName();
                        ruleFor(parser.currentName()).ifPresent(rule -> findings.add(new Finding(render(path), rule)));
                    }
                    default -> advanceIndex(path);
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // Whatever was found before the syntax error is still refused; the rest is left to the 400 handling.
            return findings;
        }
        return findings;
    }

    private static void advanceIndex(Deque<Segment> path) {
        Segment parent = path.peek();
        if (parent != null && parent.array) {
            parent.index++;
        }
    }

    private static String render(Deque<Segment> path) {
        StringBuilder rendered = new StringBuilder();
        var segments = path.descendingIterator();
        while (segments.hasNext()) {
            Segment segment = segments.next();
            if (segment.array) {
                rendered.append('[').append(segment.index).append(']');
            } else if (segment.name != null) {
                if (!rendered.isEmpty()) {
                    rendered.append('.');
                }
                rendered.append(segment.name);
            }
        }
        return rendered.toString();
    }

    private static final class Segment {
        final boolean array;
        int index = -1;
        String name;

        private Segment(boolean array) {
            this.array = array;
        }

        static Segment array() {
            return new Segment(true);
        }

        static Segment object() {
            return new Segment(false);
        }
    }
}
