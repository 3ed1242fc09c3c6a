package org.mincard.application.vault.forbidden;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForbiddenFieldsTest {

    private final ForbiddenFields forbidden = new ForbiddenFields(Map.of(
            "social-security-number", List.of("ssn", "socialSecurityNumber"),
            "identity-document-number", List.of("documentNumber"),
            "home-address", List.of("homeAddress")));

    @Test
    void findsForbiddenFieldsWithTheirPaths_whenNestedInObjectsAndArrays() {
        String json = """
                {"type":"NEW","applicant":{"name":"x","documents":[{"documentType":"P"},{"document_number":"123"}]},
                 "Social-Security-Number":"1","extra":[[{"homeAddress":{"street":"s"}}]]}""";

        List<ForbiddenFields.Finding> findings = forbidden.scan(bytes(json));

        assertThat(findings).containsExactly(
                new ForbiddenFields.Finding("applicant.documents[1].document_number", "identity-document-number"),
                new ForbiddenFields.Finding("Social-Security-Number", "social-security-number"),
                new ForbiddenFields.Finding("extra[0][0].homeAddress", "home-address"));
    }

    @Test
    void ignoresValues_whenAValueMerelySpellsAForbiddenName() {
        List<ForbiddenFields.Finding> findings = forbidden.scan(bytes("{\"note\":\"ssn\",\"list\":[\"homeAddress\"]}"));

        assertThat(findings).isEmpty();
    }

    @Test
    void findsTopLevelArrayItems_whenTheBodyIsAnArray() {
        List<ForbiddenFields.Finding> findings = forbidden.scan(bytes("[{\"a\":1},{\"SSN\":\"1\"}]"));

        assertThat(findings).containsExactly(new ForbiddenFields.Finding("[1].SSN", "social-security-number"));
    }

    @Test
    void findsFieldsBeforeTheSyntaxError_whenTheBodyIsMalformed() {
        assertThat(forbidden.scan(bytes("{\"ssn\": \"1\", oops"))).extracting(ForbiddenFields.Finding::field)
                .containsExactly("ssn");
        assertThat(forbidden.scan(bytes("not json"))).isEmpty();
    }

    @Test
    void refusesConfiguration_whenOneNameIsListedUnderTwoRules() {
        assertThatThrownBy(() -> new ForbiddenFields(Map.of("a", List.of("ssn"), "b", List.of("S_S_N"))))
                .hasMessageContaining("two rules");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
