package org.mincard.application.vault.forbidden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ForbiddenFieldsIT {

    @Autowired
    TestRestTemplate rest;

    @Test
    void answers422NamingFieldAndRuleButNotTheValue_whenAForbiddenFieldIsNested(CapturedOutput output) {
        String secret = "X" + UUID.randomUUID().toString().replace("-", "");

        ResponseEntity<String> response = post(clerk(), """
                {"type":"NEW","siteId":"%s","applicant":{"documents":[{"documentNumber":"%s"}]}}"""
                .formatted(UUID.randomUUID(), secret));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody())
                .contains("\"field\":\"applicant.documents[0].documentNumber\"")
                .contains("identity-document-number")
                .contains("urn:mincard:problem:forbidden-personal-data")
                .doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void logsTheRuleOnly_whenTheClientChoosesAKeyPathCarryingPersonalDataAndAForgedLine(CapturedOutput output) {
        String canary = "Canary" + UUID.randomUUID().toString().replace("-", "");
        String parentKey = canary + " 1990-04-01\\n2026-01-01T00:00:00Z ERROR forged line " + canary;

        ResponseEntity<String> response = post(clerk(), """
                {"type":"NEW","siteId":"%s","%s":{"ssn":"x"}}""".formatted(UUID.randomUUID(), parentKey));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(output.getAll())
                .contains("Refused a request carrying 1 forbidden field(s) under rule(s) [social-security-number]")
                .doesNotContain(canary)
                .doesNotContain("forged line");
    }

    @Test
    void answers422InsteadOf400_whenTheForbiddenFieldIsAlsoUnknownToTheRequest() {
        ResponseEntity<String> response = post(clerk(), """
                {"type":"NEW","siteId":"%s","SSN":"123-45-6789"}""".formatted(UUID.randomUUID()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getBody()).contains("\"field\":\"SSN\"").contains("social-security-number")
                .doesNotContain("123-45-6789");
    }

    @Test
    void leavesTheUsual400_whenAnUnknownFieldIsNotForbidden() {
        ResponseEntity<String> response = post(clerk(), """
                {"type":"NEW","siteId":"%s","favouriteColour":"green"}""".formatted(UUID.randomUUID()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("favouriteColour");
    }

    @Test
    void passesTheBodyOnUnchanged_whenNothingForbiddenIsSent() {
        ResponseEntity<String> response = post(clerk(), """
                {"type":"NEW","siteId":"a0000000-0000-4000-8000-00000000000a",
                 "applicant":{"legalName":"Plain Applicant","dateOfBirth":"1990-01-01"}}""");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void answers401First_whenAnAnonymousCallerSendsForbiddenData() {
        ResponseEntity<String> response = post(rest, """
                {"type":"NEW","siteId":"%s","immigrationStatus":"x"}""".formatted(UUID.randomUUID()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void answers413_whenTheBodyIsLargerThanTheCheckReads() {
        // Over the API's 64 KB body limit, which the forbidden-field check shares.
        String padding = "a".repeat(70_000);

        ResponseEntity<String> response = post(clerk(),
                "{\"type\":\"NEW\",\"siteId\":\"" + UUID.randomUUID() + "\",\"padding\":\"" + padding + "\"}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    }

    private TestRestTemplate clerk() {
        return rest.withBasicAuth("test-clerk", "test-password");
    }

    private static ResponseEntity<String> post(TestRestTemplate client, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return client.postForEntity("/api/v1/cases", new HttpEntity<>(json, headers), String.class);
    }
}
