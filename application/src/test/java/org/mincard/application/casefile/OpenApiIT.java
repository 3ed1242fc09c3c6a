package org.mincard.application.casefile;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiIT {

    @Autowired
    TestRestTemplate rest;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void apiDescriptionListsEveryApiEndpoint() {
        ResponseEntity<Map> docs = rest.getForEntity("/v3/api-docs", Map.class);

        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        Set<String> described = ((Map<String, Object>) docs.getBody().get("paths")).keySet();
        Set<String> served = mappings.getHandlerMethods().keySet().stream()
                .map(RequestMappingInfo::getPatternValues)
                .flatMap(Set::stream)
                .filter(path -> path.startsWith("/api/"))
                .collect(Collectors.toSet());
        assertThat(served).contains("/api/v1/cases", "/api/v1/cases/{caseId}/decide-appeal",
                "/api/v1/cards/{cardNumber}/revoke");
        assertThat(described).containsAll(served);
    }

    @Test
    void browsableUiIsServed() {
        ResponseEntity<String> ui = rest.getForEntity("/swagger-ui/index.html", String.class);

        assertThat(ui.getStatusCode().value()).isEqualTo(200);
        assertThat(ui.getBody()).contains("swagger-ui");
    }
}
