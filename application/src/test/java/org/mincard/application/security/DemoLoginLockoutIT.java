package org.mincard.application.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.DefaultUriBuilderFactory;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Guessing demo passwords: a user name is locked (429) after a few wrong ones; other names are not affected. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.security.demo.lockout.max-failures=3",
        "mincard.security.demo.lockout.window=10m",
        "mincard.security.demo.users.lockout-target.password=target-password-1",
        "mincard.security.demo.users.lockout-target.role=CLERK",
        "mincard.security.demo.users.lockout-target.sites=a0000000-0000-4000-8000-00000000000a"})
class DemoLoginLockoutIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    MeterRegistry registry;

    @Test
    void answers429_whenNameHadTooManyWrongPasswords_evenWithTheRightOne() {
        double lockoutsBefore = registry.counter("mincard.security.demo.login.lockouts").count();
        for (int i = 0; i < 3; i++) {
            assertThat(readCase("lockout-target", "wrong-password-" + i).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        ResponseEntity<String> locked = readCase("lockout-target", "target-password-1");
        ResponseEntity<String> otherUser = readCase("clerk-a", "test-password");

        assertThat(locked.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(locked.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(locked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
        assertThat(locked.getBody()).contains("urn:mincard:problem:login-throttled").doesNotContain("lockout-target");
        assertThat(otherUser.getStatusCode()).as("another name is not locked").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(registry.counter("mincard.security.demo.login.lockouts").count()).isEqualTo(lockoutsBefore + 1);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains("lockout-target")));
    }

    @Test
    void countsUnknownNames_likeKnownOnes() {
        for (int i = 0; i < 3; i++) {
            assertThat(readCase("no-such-user", "guess-" + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        assertThat(readCase("no-such-user", "guess-4").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private ResponseEntity<String> readCase(String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return withoutRetries().exchange("/api/v1/cases/" + UUID.randomUUID(), HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
    }

    /**
     * The JDK's client, which never retries: Apache HttpClient (on the test class path) retries a 429 once after its
     * Retry-After, which here is the rest of the lockout, so the retry would wait it out and succeed.
     */
    private RestTemplate withoutRetries() {
        RestTemplate plain = new RestTemplate(new JdkClientHttpRequestFactory());
        plain.setUriTemplateHandler(new DefaultUriBuilderFactory(rest.getRootUri()));
        plain.setErrorHandler(new DefaultResponseErrorHandler() {
            @Override
            public boolean hasError(ClientHttpResponse response) {
                return false;
            }
        });
        return plain;
    }
}
