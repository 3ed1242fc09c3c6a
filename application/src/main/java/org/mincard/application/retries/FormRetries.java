package org.mincard.application.retries;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mincard.application.web.RequestTimeLimit;
import org.mincard.domain.shared.Actor;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The client contract for the console's form posts (session and CSRF, outside {@code /api/}): the same machinery as
 * {@link SafeRetryFilter}, called by the console's controller instead of a filter because a form answers with a
 * redirect, not with the API's status codes (ADR 0018). A form carries a key generated when it was rendered and the
 * version of the case the screen showed:
 * <ul>
 *   <li>the action runs in one transaction with its answer stored under the form's key, so a double submit or a
 *   browser's retry does the action once and the second post gets the first answer ({@link Done#replayed()});</li>
 *   <li>the version goes to Axon's own check like an {@code If-Match}: a case that moved on since the screen was drawn
 *   is refused (Axon's {@code ConflictingAggregateVersionException}) and nothing is stored.</li>
 * </ul>
 */
@Component
public class FormRetries {

    private static final Pattern KEY = Pattern.compile("[!-~]{8,200}");

    /** What the action answered (a case state's name) and whether this post only replayed an earlier one. */
    public record Done(String answer, boolean replayed, Optional<Long> version) {
    }

    /** Why a form post was refused before its action ran; nothing was stored. */
    public enum Refusal {
        /** The first post of this form is still being carried out. */
        IN_FLIGHT,
        /** The form's key was already used for other choices (another action, reason or decision). */
        KEY_REUSED,
        /** The form's key or version is not one this service renders, or names another case. */
        MALFORMED
    }

    /** A form post refused before its action ran. */
    public static final class Refused extends RuntimeException {

        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final IdempotencyRecords records;
    private final SealedAnswers answers;
    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final DataSource dataSource;
    private final RequestTimeLimit timeLimit;

    FormRetries(IdempotencyRecords records, SealedAnswers answers, EventStore eventStore,
                TransactionTemplate transaction, DataSource dataSource, RequestTimeLimit timeLimit) {
        this.records = records;
        this.answers = answers;
        this.eventStore = eventStore;
        this.transaction = transaction;
        this.dataSource = dataSource;
        this.timeLimit = timeLimit;
    }

    /**
     * Runs {@code action} once for this form key. {@code form} names the action and every choice the form sent (it is
     * only ever hashed); {@code seenVersion}, when given, is the version of {@code aggregateId} the screen showed.
     * Without a key and a version the action simply runs. A refusal of the action itself (a domain rule, Axon's
     * version check) propagates and rolls everything back.
     */
    public Done once(Actor actor, @Nullable String formKey, String form, UUID aggregateId,
                     @Nullable Long seenVersion, Supplier<String> action) {
        if (formKey != null && !KEY.matcher(formKey).matches() || seenVersion != null && seenVersion < 0) {
            throw new Refused(Refusal.MALFORMED);
        }
        if (formKey == null && seenVersion == null) {
            return new Done(action.get(), false, version(aggregateId));
        }
        String key = formKey == null ? null : "console-form\u0000" + formKey;
        byte[] keyHash = key == null ? null : answers.keyHash(key, actor);
        byte[] fingerprint = answers.fingerprint("FORM", form, null, new byte[0]);
        return transaction.execute(status -> {
            try (RequestTimeLimit.Watch watch = timeLimit.watch(DataSourceUtils.getConnection(dataSource))) {
                return guarded(actor, key, keyHash, fingerprint, aggregateId, seenVersion, action, status);
            }
        });
    }

    private Done guarded(Actor actor, String key, byte[] keyHash, byte[] fingerprint, UUID aggregateId,
                         Long seenVersion, Supplier<String> action, TransactionStatus status) {
        if (key != null) {
            if (!records.tryLock(keyHash)) {
                throw new Refused(Refusal.IN_FLIGHT);
            }
            Optional<IdempotencyRecords.Stored> stored = records.find(keyHash);
            if (stored.isPresent()) {
                if (!MessageDigest.isEqual(stored.get().fingerprint(), fingerprint)) {
                    throw new Refused(Refusal.KEY_REUSED);
                }
                if (stored.get().inFlight() || stored.get().answer() == null) {
                    throw new Refused(Refusal.IN_FLIGHT);
                }
                SealedAnswers.Answer first = answers.open(stored.get().answer(), key, actor, keyHash);
                return new Done(new String(first.body(), StandardCharsets.UTF_8), true, version(aggregateId));
            }
        }
        RequestPrecondition precondition = RequestPrecondition.open(
                seenVersion == null ? null : new RequestPrecondition.Version(aggregateId, seenVersion));
        String answer;
        try {
            answer = action.get();
        } finally {
            RequestPrecondition.close();
        }
        if (precondition.expects() && !precondition.expectationHandedOver()) {
            status.setRollbackOnly();
            throw new Refused(Refusal.MALFORMED);
        }
        if (key != null) {
            records.store(keyHash, fingerprint, answers.seal(new SealedAnswers.Answer(200, Map.of(),
                    answer.getBytes(StandardCharsets.UTF_8)), key, actor, keyHash), null, null);
        }
        return new Done(answer, false, version(aggregateId));
    }

    private Optional<Long> version(UUID aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId.toString());
    }
}
