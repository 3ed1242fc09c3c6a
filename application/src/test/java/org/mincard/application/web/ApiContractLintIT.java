package org.mincard.application.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description the service serves (demo mode: HTTP Basic) passes Redocly's linter with no error
 * (ADR 0025). The description is written to {@code target/openapi/api-docs.json} for reading and for Redocly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiContractLintIT {

    @Autowired
    TestRestTemplate rest;

    @Test
    void passesTheLinter_whenServedInDemoMode() throws Exception {
        Path file = write("api-docs.json", rest.getForEntity("/v3/api-docs", String.class));

        String report = RedoclyLinter.lint(file);

        assertThat(report).contains("Woohoo! Your API description is valid.");
    }

    static Path write(String name, ResponseEntity<String> docs) throws Exception {
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(docs.getBody());
        Files.createDirectories(RedoclyLinter.WORK);
        Path file = RedoclyLinter.WORK.resolve(name);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), tree);
        return file;
    }
}
