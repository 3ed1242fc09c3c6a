package org.mincard.application.vault;

import io.micrometer.core.instrument.MeterRegistry;
import org.mincard.application.vault.keys.DataKeys;
import org.mincard.application.vault.keys.KeyState;
import org.mincard.domain.personaldata.KeyReference;
import org.mincard.domain.personaldata.PersonalData;
import org.mincard.domain.personaldata.SealedValue;
import org.mincard.domain.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The one way to plaintext personal data. Each read names an actor and a purpose; the access policy decides per
 * role, data class and purpose; the actor's read rate is limited; and every requested value leaves exactly one access
 * record (shown, purged, refused or rate-limited) before anything is returned. A value whose key was destroyed comes
 * back as {@link Unsealed.Purged}, never as an exception.
 *
 * <p>Lists call {@link #unsealAll} once per page: one key query and one access-log insert for the whole page.
 */
@Component
public class PersonalDataGate {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataGate.class);

    private final DataKeys dataKeys;
    private final AccessLog accessLog;
    private final ReadRateLimiter rateLimiter;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ObjectProvider<RequestReferences> requestReferences;

    PersonalDataGate(DataKeys dataKeys, AccessLog accessLog, VaultProperties properties, Clock clock,
                     MeterRegistry meters, ObjectProvider<RequestReferences> requestReferences, DataSource dataSource) {
        this.dataKeys = dataKeys;
        this.accessLog = accessLog;
        this.clock = clock;
        this.meters = meters;
        this.requestReferences = requestReferences;
        this.rateLimiter = new ReadRateLimiter(dataSource, properties.readLimit().maxReads(),
                properties.readLimit().window(), clock);
    }

    /**
     * Whether the policy lets this actor read this class for this purpose, so that a caller answering one request
     * with several fields can refuse it whole before anything is decrypted or recorded as shown.
     */
    public boolean permits(Actor actor, AccessPurpose purpose, AccessContext context, SealedValue value) {
        return permits(actor, purpose, new UnsealRequest(value, context));
    }

    /**
     * The same for one request of a batch, also one without a sealed value (a purged class,
     * {@link UnsealRequest#ofPurged}).
     */
    public boolean permits(Actor actor, AccessPurpose purpose, UnsealRequest request) {
        return refusal(actor, purpose, request) == null;
    }

    /** The policy's answer, then, for a request's read, whether the named register entry covers this case or subject. */
    private RefusalReason refusal(Actor actor, AccessPurpose purpose, UnsealRequest request) {
        AccessContext context = request.context();
        RefusalReason refusal = AccessPolicy.refusal(actor, purpose, context, request.dataClass());
        if (refusal != null || !AccessPolicy.needsRequestReference(purpose)) {
            return refusal;
        }
        RequestReferences references = requestReferences.getIfAvailable();
        boolean covered = references != null && references.covers(context.requestReference(), purpose,
                context.caseId(), request.subjectId());
        return covered ? null : RefusalReason.REQUEST_NOT_COVERING;
    }

    /** Unseals one value; see {@link #unsealAll}. */
    public Unsealed unseal(Actor actor, AccessPurpose purpose, AccessContext context, SealedValue value) {
        return unsealAll(actor, purpose, List.of(new UnsealRequest(value, context))).get(0);
    }

    /** Unseals one value that must be of the given type, or answers why not (purged or refused). */
    public <T extends PersonalData> Unsealed unseal(Actor actor, AccessPurpose purpose, AccessContext context,
                                                    SealedValue value, Class<T> expected) {
        Unsealed unsealed = unseal(actor, purpose, context, value);
        if (unsealed instanceof Unsealed.Shown shown && !expected.isInstance(shown.data())) {
            throw new IllegalStateException("a sealed " + value.dataClass() + " value is not a "
                    + expected.getSimpleName());
        }
        return unsealed;
    }

    /**
     * Unseals a batch, answering in the order asked. Throws {@link ReadsRateLimited} (after recording every
     * item as rate-limited or refused) when the actor is over the read limit.
     */
    public List<Unsealed> unsealAll(Actor actor, AccessPurpose purpose, List<UnsealRequest> requests) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(purpose, "purpose");
        Instant now = clock.instant();
        int count = requests.size();
        Unsealed[] answers = new Unsealed[count];
        AccessRecord[] records = new AccessRecord[count];
        List<Integer> allowed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UnsealRequest request = requests.get(i);
            RefusalReason refusal = refusal(actor, purpose, request);
            if (refusal == null) {
                allowed.add(i);
            } else {
                answers[i] = new Unsealed.Refused(request.dataClass(), refusal);
                records[i] = record(now, actor, purpose, request, AccessOutcome.REFUSED, refusal);
            }
        }
        Duration wait = allowed.isEmpty() ? Duration.ZERO : rateLimiter.tryAcquire(actor.userId(), allowed.size());
        if (!wait.isZero()) {
            for (int i : allowed) {
                records[i] = record(now, actor, purpose, requests.get(i), AccessOutcome.RATE_LIMITED, null);
            }
            accessLog.append(Arrays.asList(records));
            count(records);
            throw new ReadsRateLimited(wait);
        }
        Map<KeyReference, KeyState> keys = dataKeys.keysForUnsealing(allowed.stream()
                .map(i -> requests.get(i).value()).filter(Objects::nonNull).map(SealedValue::key).toList());
        for (int i : allowed) {
            UnsealRequest request = requests.get(i);
            SealedValue value = request.value();
            if (value == null) {
                // The purge removed the copies too: still a read of a purged class, and recorded as one.
                answers[i] = new Unsealed.Purged(request.dataClass());
                records[i] = record(now, actor, purpose, request, AccessOutcome.PURGED, null);
                continue;
            }
            KeyState state = keys.get(value.key());
            if (state instanceof KeyState.Live live) {
                byte[] plaintext = SealCipher.open(value.key(), live.key(), value.ciphertext());
                try {
                    answers[i] = new Unsealed.Shown(value.key(), PersonalDataCodec.decode(value.dataClass(), plaintext));
                } finally {
                    Arrays.fill(plaintext, (byte) 0);
                }
                records[i] = record(now, actor, purpose, request, AccessOutcome.SHOWN, null);
            } else {
                if (state instanceof KeyState.Unknown) {
                    LOG.warn("No data key {} v{} of subject {} exists; the value is treated as purged",
                            value.dataClass(), value.key().keyVersion(), value.key().subjectId());
                }
                answers[i] = new Unsealed.Purged(value.dataClass());
                records[i] = record(now, actor, purpose, request, AccessOutcome.PURGED, null);
            }
        }
        accessLog.append(Arrays.asList(records));
        count(records);
        return List.of(answers);
    }

    /** Reads by outcome, class and purpose: codes only, so the series stay few and hold nothing personal. */
    private void count(AccessRecord[] records) {
        for (AccessRecord record : records) {
            meters.counter("mincard.vault.reads", "outcome", record.outcome().name(),
                    "dataClass", record.dataClass().name(), "purpose", record.purpose().name()).increment();
        }
    }

    private static AccessRecord record(Instant now, Actor actor, AccessPurpose purpose, UnsealRequest request,
                                       AccessOutcome outcome, RefusalReason refusal) {
        AccessContext context = request.context();
        return new AccessRecord(now, actor.userId(), actor.role(), site(actor, context), context.caseId(),
                request.subjectId(), request.dataClass(), purpose, outcome, refusal, context.requestReference());
    }

    /** The case's site when the caller knows it, else the actor's site when the actor works at exactly one. */
    private static UUID site(Actor actor, AccessContext context) {
        if (context.siteId() != null) {
            return context.siteId();
        }
        return actor.siteIds().size() == 1 ? actor.siteIds().iterator().next() : null;
    }
}
