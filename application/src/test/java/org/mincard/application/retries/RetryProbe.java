package org.mincard.application.retries;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays one state-changing request with its Idempotency-Key over HTTP and checks the client contract (ADR 0018):
 * the retry gets the first answer (status, body, ETag, Location) marked {@code Idempotent-Replayed}, the same key with
 * another body gets 422, and neither stores anything (the effect the caller measures, events or rows, is unchanged).
 * Shared by the safe-retry ITs, which together drive every state-changing endpoint.
 */
public final class RetryProbe {

    public static final String PASSWORD = "test-password";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final TestRestTemplate rest;
    private final Set<String> replayed = new TreeSet<>();

    public RetryProbe(TestRestTemplate rest) {
        this.rest = rest;
    }

    /** The endpoints (method and pattern as Spring maps them) replayed so far. */
    public Set<String> replayed() {
        return replayed;
    }

    /**
     * Sends {@code body} to {@code path} as {@code user} with a fresh key, then again with the same key, then with the
     * same key and another body. {@code effect} counts what the endpoint stores (events of an aggregate, rows).
     */
    public ResponseEntity<Map<String, Object>> twice(String endpoint, String user, String path, Object body,
                                                     LongSupplier effect) {
        return twice(endpoint, user, path, body, new HttpHeaders(), effect);
    }

    /** As above, with more request headers (a Consistency-Token, a signature). */
    public ResponseEntity<Map<String, Object>> twice(String endpoint, String user, String path, Object body,
                                                     HttpHeaders more, LongSupplier effect) {
        HttpHeaders headers = key("k-" + UUID.randomUUID());
        more.forEach(headers::addAll);
        ResponseEntity<Map<String, Object>> first = post(user, path, body, headers);
        assertThat(first.getStatusCode().is2xxSuccessful()).as(endpoint + " " + first.getBody()).isTrue();
        long before = effect.getAsLong();

        ResponseEntity<Map<String, Object>> retry = post(user, path, body, headers);
        ResponseEntity<Map<String, Object>> otherBody = post(user, path, Map.of("anotherBody", true), headers);

        assertThat(retry.getStatusCode()).as(endpoint).isEqualTo(first.getStatusCode());
        assertThat(retry.getBody()).as(endpoint).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).as(endpoint).isEqualTo("true");
        assertThat(retry.getHeaders().getETag()).as(endpoint).isEqualTo(first.getHeaders().getETag());
        assertThat(retry.getHeaders().getLocation()).as(endpoint).isEqualTo(first.getHeaders().getLocation());
        assertThat(otherBody.getStatusCode().value()).as(endpoint + ": the key with another body").isEqualTo(422);
        assertThat(otherBody.getBody()).as(endpoint)
                .containsEntry("type", "urn:mincard:problem:idempotency-key-reused");
        assertThat(effect.getAsLong()).as(endpoint + ": nothing stored by the retry or the reuse").isEqualTo(before);
        replayed.add(endpoint);
        return first;
    }

    public ResponseEntity<Map<String, Object>> post(String user, String path, Object body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return rest.withBasicAuth(user, PASSWORD).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                JSON);
    }

    public static HttpHeaders key(String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", key);
        return headers;
    }
}
