package org.mincard.application.retries;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the current state-changing request expects and touches, on its thread while it runs: the aggregate version its
 * {@code If-Match} names (handed to the command that targets that aggregate), whether a command did target it, and
 * the aggregates its commands targeted (the first one's new version becomes the answer's {@code ETag}). Axon's simple
 * command bus handles a command on the sender's thread, so dispatch and handling see the same state.
 */
final class RequestPrecondition {

    /** An entity tag: {@code "<aggregate id>.<version>"} (quoted, strong). */
    private static final Pattern TAG = Pattern.compile("\"([0-9a-f-]{36})\\.(\\d{1,18})\"");

    /** An aggregate at one version (Axon's sequence number of its last event). */
    record Version(UUID aggregateId, long version) {

        String etag() {
            return "\"" + aggregateId + "." + version + "\"";
        }

        /** The version an {@code If-Match} value names; empty when it is not one of our tags. */
        static Optional<Version> parse(String ifMatch) {
            Matcher matcher = TAG.matcher(ifMatch.trim());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Version(UUID.fromString(matcher.group(1)), Long.parseLong(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private static final ThreadLocal<RequestPrecondition> CURRENT = new ThreadLocal<>();

    private final Version expected;
    private final List<String> targets = new ArrayList<>();
    private boolean expectationHandedOver;

    private RequestPrecondition(Version expected) {
        this.expected = expected;
    }

    static RequestPrecondition open(Version expected) {
        RequestPrecondition precondition = new RequestPrecondition(expected);
        CURRENT.set(precondition);
        return precondition;
    }

    static void close() {
        CURRENT.remove();
    }

    static Optional<RequestPrecondition> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Records a command's target; answers the version to expect of it when the If-Match names that aggregate. */
    Optional<Long> dispatching(String targetAggregateId) {
        targets.add(targetAggregateId);
        if (expected != null && expected.aggregateId().toString().equals(targetAggregateId)) {
            expectationHandedOver = true;
            return Optional.of(expected.version());
        }
        return Optional.empty();
    }

    boolean expects() {
        return expected != null;
    }

    boolean expectationHandedOver() {
        return expectationHandedOver;
    }

    Optional<String> firstTarget() {
        return targets.stream().findFirst();
    }
}
