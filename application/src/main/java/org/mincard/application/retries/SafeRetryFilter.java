package org.mincard.application.retries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.BufferedBodyRequest;
import org.mincard.application.web.Outages;
import org.mincard.application.web.RequestTimeLimit;
import org.mincard.domain.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Safe retries for every state-changing API request (POST, PUT, PATCH, DELETE under {@code /api/}), in one place
 * rather than in each controller (ADR 0018, docs/lifecycle.md "Client contract").
 * <ul>
 *   <li>A command request runs in one database transaction opened here: the controller's commands join it (Axon's
 *   Spring transaction manager joins an existing transaction and leaves its commit to the owner), and the answer to its
 *   {@code Idempotency-Key} is written into it after the controller answered 2xx, so the events and the stored answer
 *   commit together or not at all. Nothing reaches the client before that commit.</li>
 *   <li>A retry with the same key by the same actor gets the stored answer (with {@code Idempotent-Replayed: true});
 *   with another method, path or body it gets 422; while the first attempt still runs (its transaction holds the key's
 *   advisory lock) it gets 409.</li>
 *   <li>Error answers are not stored: the transaction is rolled back, nothing happened, and a retry is judged anew.</li>
 *   <li>{@code If-Match: "<aggregate>.<version>"} is handed to the command that targets that aggregate (Axon's version
 *   check, 412 when it moved on); a 2xx answer carries the {@code ETag} of the first aggregate a command targeted.</li>
 *   <li>Requests that start work in their own transactions or threads (sweeps, key rotations, replays, dead-letter
 *   retries, audit checkpoints) cannot share one: their key is claimed IN_FLIGHT in a transaction of its own, the
 *   answer is stored after the request, and a claim left by a dead node expires after
 *   {@code mincard.idempotency.in-flight-timeout}. These work-starting requests are safe to repeat in themselves (a
 *   running sweep or rotation is answered 409).</li>
 * </ul>
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 20)
class SafeRetryFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SafeRetryFilter.class);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** Request paths (prefixes) whose work runs in its own transactions or threads: no request transaction. */
    static final List<String> OWN_TRANSACTIONS = List.of("/api/v1/retention/sweeps", "/api/v1/admin/",
            "/api/v1/audit/");

    /** The answer headers a replay repeats. */
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            HttpHeaders.ETAG);

    private static final Pattern KEY = Pattern.compile("[!-~]{8,200}");
    private static final URI PRECONDITION_FAILED = URI.create("urn:mincard:problem:precondition-failed");
    private static final URI KEY_REUSED = URI.create("urn:mincard:problem:idempotency-key-reused");
    private static final URI IN_FLIGHT = URI.create("urn:mincard:problem:idempotency-key-in-flight");
    private static final long RETRY_AFTER_SECONDS = 2;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final IdempotencyRecords records;
    private final SealedAnswers answers;
    private final AggregateVersions versions;
    private final CurrentActor currentActor;
    private final TransactionTemplate transaction;
    private final DataSource dataSource;
    private final RequestTimeLimit timeLimit;

    SafeRetryFilter(IdempotencyRecords records, SealedAnswers answers, AggregateVersions versions,
                    CurrentActor currentActor, TransactionTemplate transaction, DataSource dataSource,
                    RequestTimeLimit timeLimit) {
        this.records = records;
        this.answers = answers;
        this.versions = versions;
        this.currentActor = currentActor;
        this.transaction = transaction;
        this.dataSource = dataSource;
        this.timeLimit = timeLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith("/api/") || !STATE_CHANGING.contains(request.getMethod());
    }

    /** The outcome of the guarded part; {@code null} fields mean "send what the controller answered". */
    private record Outcome(ProblemAnswer problem, SealedAnswers.Answer replay) {

        static final Outcome PASS = new Outcome(null, null);
    }

    /** A problem the filter answers itself; {@code code}, when set, also adds an error id and {@code Retry-After}. */
    private record ProblemAnswer(int status, URI type, String title, String detail, String code) {

        ProblemAnswer(int status, URI type, String title, String detail) {
            this(status, type, title, detail, null);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Actor> actor = currentActor.find();
        if (actor.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key != null && !KEY.matcher(key).matches()) {
            write(response, new ProblemAnswer(400, ApiProblems.VALIDATION, "Invalid request",
                    "Header Idempotency-Key must be 8 to 200 visible ASCII characters."));
            return;
        }
        String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
        RequestPrecondition.Version expected = null;
        if (ifMatch != null && !"*".equals(ifMatch.trim())) {
            Optional<RequestPrecondition.Version> parsed = RequestPrecondition.Version.parse(ifMatch);
            if (parsed.isEmpty()) {
                write(response, preconditionFailed("Header If-Match must be an ETag this API answered."));
                return;
            }
            expected = parsed.get();
        }
        byte[] body = request instanceof BufferedBodyRequest buffered ? buffered.body()
                : request.getInputStream().readAllBytes();
        BufferedBodyRequest buffered = request instanceof BufferedBodyRequest already ? already
                : new BufferedBodyRequest(request, body);
        Call call = new Call(buffered, chain, actor.get(), key, expected,
                key == null ? null : answers.keyHash(key, actor.get()),
                key == null ? null : answers.fingerprint(request.getMethod(), path(request), request.getQueryString(),
                        body));
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean ownTransactions = OWN_TRANSACTIONS.stream().anyMatch(path(request)::startsWith);
        Outcome outcome = ownTransactions ? inOwnTransactions(call, captured) : inOneTransaction(call, captured);
        if (outcome.problem() != null) {
            captured.resetBuffer();
            response.reset();
            write(response, outcome.problem());
        } else if (outcome.replay() != null) {
            captured.resetBuffer();
            response.reset();
            replay(response, outcome.replay());
        } else {
            captured.copyBodyToResponse();
        }
    }

    private record Call(BufferedBodyRequest request, FilterChain chain, Actor actor, String key,
                        RequestPrecondition.Version expected, byte[] keyHash, byte[] fingerprint) {
    }

    private Outcome inOneTransaction(Call call, ContentCachingResponseWrapper captured) throws IOException,
            ServletException {
        try {
            return transaction.execute(status -> {
                try (RequestTimeLimit.Watch watch = timeLimit.watch(DataSourceUtils.getConnection(dataSource))) {
                    return guarded(call, captured, status, watch);
                }
            });
        } catch (ChainFailed e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) e.getCause();
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                // The stored answer or the commit failed on the database (a time limit, a lost connection): the
                // events may or may not be in, so the answer is "unknown", never "not done".
                return outcomeUnknown();
            }
            throw e;
        }
    }

    /** The request inside its transaction, watched by the request time limit; the watch ends before the commit. */
    private Outcome guarded(Call call, ContentCachingResponseWrapper captured,
                            TransactionStatus status, RequestTimeLimit.Watch watch) {
        if (call.key() != null) {
            if (!records.tryLock(call.keyHash())) {
                return inFlight();
            }
            Optional<Outcome> earlier = earlier(call);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        RequestPrecondition precondition = RequestPrecondition.open(call.expected());
        try {
            call.chain().doFilter(call.request(), captured);
        } catch (IOException | ServletException e) {
            throw new ChainFailed(e);
        } finally {
            RequestPrecondition.close();
        }
        if (!successful(captured.getStatus())) {
            status.setRollbackOnly();
            // Past the time limit its work was cancelled: whatever the chain made of that, the answer is 503.
            return watch.expired() && captured.getStatus() != 503 ? outcomeUnknown() : Outcome.PASS;
        }
        if (precondition.expects() && !precondition.expectationHandedOver()) {
            status.setRollbackOnly();
            return new Outcome(preconditionFailed(
                    "If-Match names an aggregate this request does not change; nothing was done."), null);
        }
        precondition.firstTarget().flatMap(versions::etag)
                .ifPresent(etag -> captured.setHeader(HttpHeaders.ETAG, etag));
        if (call.key() != null) {
            store(call, captured);
        }
        return Outcome.PASS;
    }

    private Outcome inOwnTransactions(Call call, ContentCachingResponseWrapper captured) throws IOException,
            ServletException {
        if (call.expected() != null) {
            return new Outcome(preconditionFailed("This request changes no aggregate; send it without If-Match."),
                    null);
        }
        if (call.key() == null) {
            call.chain().doFilter(call.request(), captured);
            return Outcome.PASS;
        }
        Outcome claimed = transaction.execute(status -> {
            if (!records.tryLock(call.keyHash())) {
                return inFlight();
            }
            Optional<IdempotencyRecords.Stored> stored = records.find(call.keyHash());
            if (stored.isPresent() && stored.get().inFlight() && !records.abandoned(stored.get())) {
                return MessageDigest.isEqual(stored.get().fingerprint(), call.fingerprint()) ? inFlight()
                        : keyReused();
            }
            Optional<Outcome> earlier = stored.isPresent() && !stored.get().inFlight() ? earlier(call)
                    : Optional.empty();
            if (earlier.isPresent()) {
                return earlier.get();
            }
            records.claim(call.keyHash(), call.fingerprint());
            return null;
        });
        if (claimed != null) {
            return claimed;
        }
        try {
            call.chain().doFilter(call.request(), captured);
        } catch (IOException | ServletException | RuntimeException e) {
            transaction.executeWithoutResult(status -> records.release(call.keyHash()));
            throw e;
        }
        transaction.executeWithoutResult(status -> {
            if (successful(captured.getStatus())) {
                store(call, captured);
            } else {
                records.release(call.keyHash());
            }
        });
        return Outcome.PASS;
    }

    private Optional<Outcome> earlier(Call call) {
        return records.find(call.keyHash()).map(stored -> {
            if (!MessageDigest.isEqual(stored.fingerprint(), call.fingerprint())) {
                return keyReused();
            }
            if (stored.inFlight() || stored.answer() == null) {
                return inFlight();
            }
            return new Outcome(null, answers.open(stored.answer(), call.key(), call.actor(), call.keyHash()));
        });
    }

    private void store(Call call, ContentCachingResponseWrapper captured) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = captured.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        byte[] body = captured.getContentAsByteArray();
        SealedAnswers.Answer answer = new SealedAnswers.Answer(captured.getStatus(), headers, body);
        records.store(call.keyHash(), call.fingerprint(),
                answers.seal(answer, call.key(), call.actor(), call.keyHash()),
                uuidIn(body, "caseId"), uuidIn(body, "cardholderId"));
    }

    /** A top-level id the answer names (a submission's case and cardholder), so purges can find the record. */
    private static UUID uuidIn(byte[] body, String field) {
        try {
            JsonNode value = JSON.readTree(body).path(field);
            return value.isTextual() ? UUID.fromString(value.asText()) : null;
        } catch (IOException | IllegalArgumentException notJsonOrNotAnId) {
            return null;
        }
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private static Outcome inFlight() {
        return new Outcome(new ProblemAnswer(409, IN_FLIGHT, "Request in flight",
                "A request with this Idempotency-Key is still being processed; retry it with the same key shortly."),
                null);
    }

    /** 503 for a command whose database work failed or passed its time limit: it may or may not have committed. */
    private static Outcome outcomeUnknown() {
        return new Outcome(new ProblemAnswer(503, ApiProblems.UNAVAILABLE, "Service unavailable",
                ApiProblems.OUTCOME_UNKNOWN + " The request passed its time limit or lost its database connection; "
                        + "try again shortly.", "outcome-unknown"), null);
    }

    private static Outcome keyReused() {
        return new Outcome(new ProblemAnswer(422, KEY_REUSED, "Idempotency key reused",
                "This Idempotency-Key was already used for a different request."), null);
    }

    private static ProblemAnswer preconditionFailed(String detail) {
        return new ProblemAnswer(412, PRECONDITION_FAILED, "Precondition failed", detail);
    }

    private static void replay(HttpServletResponse response, SealedAnswers.Answer answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private static void write(HttpServletResponse response, ProblemAnswer problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.code() != null) {
            String errorId = UUID.randomUUID().toString();
            body.put("code", problem.code());
            body.put("errorId", errorId);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
            LOG.warn("Request answered 503 {}, error id {}", problem.code(), errorId);
        }
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Carries a checked exception of the filter chain out of the transaction callback (which rolls back). */
    private static final class ChainFailed extends RuntimeException {

        ChainFailed(Exception cause) {
            super(cause);
        }
    }
}
