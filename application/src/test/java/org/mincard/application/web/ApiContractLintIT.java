package org.mincard.application.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description the service serves (demo mode: HTTP Basic) passes Redocly's linter with no error
 * (ADR 0025); JwtAuthenticationIT lints the JWT mode's. The description is written to {@code target/openapi/api-docs.json} for reading and for Redocly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiContractLintIT {

    @Autowired
    TestRestTemplate rest;

    @Test
    void passesTheLinter_whenServedInDemoMode() throws Exception {
        ResponseEntity<String> docs = rest.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        Path file = RedoclyLinter.write("api-docs.json", docs.getBody());

        String report = RedoclyLinter.lint(file);

        assertThat(report).contains("Woohoo! Your API description is valid.");
    }
}
