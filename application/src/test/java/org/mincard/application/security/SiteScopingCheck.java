package org.mincard.application.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.mincard.domain.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Site scoping of every case and card action, for every site-scoped role, over HTTP. A case and a card of site B are
 * made by site-B staff; site-A staff then call every case action (taken from the running application's handler
 * mappings, so a new action is covered without editing this test) and every card action on them. Each answer must
 * be the same 404 as for a case id or card number that does not exist at all, byte for byte once the id is masked:
 * the answer must not tell that the case or card exists elsewhere. Site-B staff get past the site check on the same
 * calls, which shows the check is what refuses. Subclasses say how a user of a role at one site authenticates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SiteScopingCheck {

    static final UUID SITE_A = DemoUsers.SITE_A;
    static final UUID SITE_B = DemoUsers.SITE_B;
    private static final String NEVER_ISSUED_CARD = "4000000000000002";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    SecuritySettings settings;

    private final ObjectMapper json = new ObjectMapper();

    private UUID siteBCase;
    private String siteBCardNumber;

    /** Headers that authenticate as a user of this role who works at this one site only. */
    abstract HttpHeaders as(Role role, UUID site);

    /** Headers of a records officer (city-wide). */
    abstract HttpHeaders recordsOfficer();

    @BeforeAll
    void siteBHasACaseAndACard() {
        HttpHeaders clerkB = as(Role.CLERK, SITE_B);
        UUID caseId = submit(clerkB, SITE_B);
        act(clerkB, caseId, "check-in", Map.of());
        awaitState(clerkB, caseId, "CHECKED_IN");
        act(clerkB, caseId, "review", Map.of("documents",
                List.of(Map.of("type", "CONSULAR_ID"), Map.of("type", "SHELTER_LETTER"))));
        act(clerkB, caseId, "approve", Map.of());
        awaitState(clerkB, caseId, "APPROVED");
        act(clerkB, caseId, "produce-card", Map.of());
        act(clerkB, caseId, "hand-over", Map.of());
        awaitState(clerkB, caseId, "HANDED_OVER");
        // The card number's sealed copy comes from the cardholder's stream, which the case view may handle after
        // the case's own events: wait for it too.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(read(call(clerkB, HttpMethod.GET,
                "/api/v1/cases/" + caseId + "/personal-data", null, Map.of("X-Access-Purpose", "CASE_WORK")))
                .get("fields").has("CARD_NUMBER")).isTrue());
        JsonNode fields = read(call(clerkB, HttpMethod.GET, "/api/v1/cases/" + caseId + "/personal-data", null,
                Map.of("X-Access-Purpose", "CASE_WORK"))).get("fields");
        siteBCardNumber = fields.get("CARD_NUMBER").get("value").asText();
        siteBCase = submit(clerkB, SITE_B);
        awaitState(clerkB, siteBCase, "SUBMITTED");
    }

    @TestFactory
    Stream<DynamicTest> answersAsForAMissingCase_whenOtherSiteStaffCallAnyCaseAction() {
        List<DynamicTest> cells = new ArrayList<>();
        for (String action : caseActions()) {
            for (Role role : List.of(Role.CLERK, Role.SUPERVISOR)) {
                cells.add(DynamicTest.dynamicTest(action + " as " + role + " of site A", () -> {
                    Object body = sampleBody(action);
                    UUID missing = UUID.randomUUID();

                    ResponseEntity<String> other = call(as(role, SITE_A), HttpMethod.POST,
                            "/api/v1/cases/" + siteBCase + "/" + action, body, Map.of());
                    ResponseEntity<String> absent = call(as(role, SITE_A), HttpMethod.POST,
                            "/api/v1/cases/" + missing + "/" + action, body, Map.of());

                    assertThat(other.getStatusCode().value()).as(action + ": " + other.getBody())
                            .isEqualTo(allowed(role, "/api/v1/cases/" + siteBCase + "/" + action) ? 404 : 403);
                    assertSameAnswer(other, siteBCase.toString(), absent, missing.toString());
                }));
            }
            cells.add(DynamicTest.dynamicTest(action + " as a site-B supervisor passes the site check", () -> {
                ResponseEntity<String> own = call(as(Role.SUPERVISOR, SITE_B), HttpMethod.POST,
                        "/api/v1/cases/" + siteBCase + "/" + action, sampleBody(action), Map.of());

                assertThat(own.getStatusCode().value()).as(action + ": " + own.getBody()).isNotEqualTo(404);
            }));
        }
        return cells.stream();
    }

    @TestFactory
    Stream<DynamicTest> answersAsForANeverIssuedNumber_whenOtherSiteStaffActOnACard() {
        Map<String, Object> bodies = Map.of(
                "revoke", Map.of("reason", "FRAUD"),
                "reinstate", Map.of(),
                "report-lost", Map.of("reason", "LOST"));
        List<DynamicTest> cells = new ArrayList<>();
        bodies.forEach((action, body) -> {
            for (Role role : List.of(Role.CLERK, Role.SUPERVISOR)) {
                cells.add(DynamicTest.dynamicTest(action + " as " + role + " of site A", () -> {
                    ResponseEntity<String> other = call(as(role, SITE_A), HttpMethod.POST,
                            "/api/v1/cards/" + siteBCardNumber + "/" + action, body, Map.of());
                    ResponseEntity<String> absent = call(as(role, SITE_A), HttpMethod.POST,
                            "/api/v1/cards/" + NEVER_ISSUED_CARD + "/" + action, body, Map.of());

                    int expected = allowed(role, "/api/v1/cards/" + siteBCardNumber + "/" + action) ? 404 : 403;
                    assertThat(other.getStatusCode().value()).as(action + ": " + other.getBody())
                            .isEqualTo(expected);
                    assertSameAnswer(other, siteBCardNumber, absent, NEVER_ISSUED_CARD);
                }));
            }
        });
        return cells.stream();
    }

    @Test
    void passesTheSiteCheck_whenSiteStaffActOnTheirOwnSitesCard() {
        ResponseEntity<String> reinstate = call(as(Role.SUPERVISOR, SITE_B), HttpMethod.POST,
                "/api/v1/cards/" + siteBCardNumber + "/reinstate", Map.of(), Map.of());

        // The card is active: the aggregate refuses the transition, which shows the site check let the call through.
        assertThat(reinstate.getStatusCode().value()).as(reinstate.getBody()).isEqualTo(409);
    }

    @Test
    void refusesAHoldersRead_unlessARegisteredRequestOfTheHolderCoversTheCase() {
        String path = "/api/v1/cases/" + siteBCase + "/personal-data";
        HttpHeaders officer = recordsOfficer();
        UUID holderRequest = register(officer, "DATA_SUBJECT", "INFORMAL_REQUEST", List.of(siteBCase));
        UUID otherCasesRequest = register(officer, "DATA_SUBJECT", "INFORMAL_REQUEST", List.of(UUID.randomUUID()));
        UUID agencyRequest = register(officer, "LOCAL_POLICE", "COURT_ORDER", List.of(siteBCase));
        awaitRegistered(officer, holderRequest);

        ResponseEntity<String> noReference = call(officer, HttpMethod.GET, path, null,
                Map.of("X-Access-Purpose", "HOLDER_REQUEST"));
        ResponseEntity<String> notCovering = call(officer, HttpMethod.GET, path, null,
                Map.of("X-Access-Purpose", "HOLDER_REQUEST", "X-Request-Reference", otherCasesRequest.toString()));
        ResponseEntity<String> notTheHolder = call(officer, HttpMethod.GET, path, null,
                Map.of("X-Access-Purpose", "HOLDER_REQUEST", "X-Request-Reference", agencyRequest.toString()));
        ResponseEntity<String> clerkWithout = call(as(Role.CLERK, SITE_B), HttpMethod.GET, path, null,
                Map.of("X-Access-Purpose", "HOLDER_REQUEST"));
        ResponseEntity<String> covered = call(officer, HttpMethod.GET, path, null,
                Map.of("X-Access-Purpose", "HOLDER_REQUEST", "X-Request-Reference", holderRequest.toString()));

        assertThat(noReference.getStatusCode().value()).isEqualTo(403);
        assertThat(read(noReference).get("reason").asText()).isEqualTo("NO_REQUEST_REFERENCE");
        assertThat(notCovering.getStatusCode().value()).isEqualTo(403);
        assertThat(read(notCovering).get("reason").asText()).isEqualTo("REQUEST_NOT_COVERING");
        assertThat(notTheHolder.getStatusCode().value()).isEqualTo(403);
        assertThat(read(notTheHolder).get("reason").asText()).isEqualTo("REQUEST_NOT_COVERING");
        assertThat(clerkWithout.getStatusCode().value()).isEqualTo(403);
        assertThat(covered.getStatusCode().value()).as(covered.getBody()).isEqualTo(200);
        assertThat(read(covered).get("fields").has("CARD_RECORD")).isTrue();
    }

    /** Whether the URL rule table lets this role POST here at all (else 403 before any site check). */
    private boolean allowed(Role role, String path) {
        return AuthorizationRules.ruleFor(AuthorizationRules.all(settings), new MockHttpServletRequest("POST", path))
                .orElseThrow().allows(role);
    }

    /** Every POST action on one case, as the running application maps them. */
    private List<String> caseActions() {
        TreeSet<String> actions = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            boolean post = info.getMethodsCondition().getMethods().stream()
                    .anyMatch(method -> method.name().equals("POST"));
            for (String pattern : info.getPatternValues()) {
                if (post && pattern.matches("/api/v1/cases/\\{caseId}/[a-z-]+")) {
                    actions.add(pattern.substring(pattern.lastIndexOf('/') + 1));
                }
            }
        }
        assertThat(actions).as("case actions found in the handler mappings").contains("check-in", "approve",
                "review", "claim", "assign");
        return List.copyOf(actions);
    }

    /** A body each action accepts, so that the site check, not validation, decides the answer. */
    private static Object sampleBody(String action) {
        return switch (action) {
            case "review" -> Map.of("documents", List.of(Map.of("type", "CONSULAR_ID")));
            case "escalate" -> Map.of("reason", "POLICY_QUESTION");
            case "deny" -> Map.of("reason", "INSUFFICIENT_DOCUMENTS");
            case "decide-appeal" -> Map.of("granted", true);
            case "cancel" -> Map.of("reason", "ENTERED_IN_ERROR");
            case "assign" -> Map.of("clerkId", "clerk-b");
            case "priority" -> Map.of("priority", "HIGH");
            default -> Map.of();
        };
    }

    private void assertSameAnswer(ResponseEntity<String> other, String otherId, ResponseEntity<String> absent,
                                  String absentId) {
        assertThat(other.getStatusCode()).isEqualTo(absent.getStatusCode());
        assertThat(other.getHeaders().getContentType()).isEqualTo(absent.getHeaders().getContentType());
        assertThat(masked(other, otherId)).isEqualTo(masked(absent, absentId));
    }

    /** The answer's body without the id asked for and without the per-request fields (instance, error id). */
    private JsonNode masked(ResponseEntity<String> answer, String id) {
        JsonNode body = read(answer);
        if (body instanceof ObjectNode object) {
            object.remove(List.of("instance", "errorId", "timestamp"));
            return readText(object.toString().replace(id, "{id}"));
        }
        return body;
    }

    private UUID submit(HttpHeaders headers, UUID site) {
        Map<String, Object> application = Map.of(
                "type", "NEW",
                "siteId", site.toString(),
                "applicant", Map.of("legalName", "Site Scope Canary", "dateOfBirth", "1980-06-15",
                        "genderMarker", "X"),
                "contact", Map.of("phone", "+1 312 555 0100"));
        ResponseEntity<String> created = call(headers, HttpMethod.POST, "/api/v1/cases", application, Map.of());
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return UUID.fromString(read(created).get("caseId").asText());
    }

    private void act(HttpHeaders headers, UUID caseId, String action, Object body) {
        ResponseEntity<String> moved = call(headers, HttpMethod.POST, "/api/v1/cases/" + caseId + "/" + action, body,
                Map.of());
        assertThat(moved.getStatusCode().value()).as(action + ": " + moved.getBody()).isEqualTo(200);
    }

    private void awaitState(HttpHeaders headers, UUID caseId, String state) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ResponseEntity<String> view = call(headers, HttpMethod.GET, "/api/v1/cases/" + caseId, null, Map.of());
            assertThat(view.getStatusCode().value()).isEqualTo(200);
            assertThat(read(view).get("state").asText()).isEqualTo(state);
        });
    }

    private UUID register(HttpHeaders officer, String requesterType, String instrument, List<UUID> caseIds) {
        ResponseEntity<String> created = call(officer, HttpMethod.POST, "/api/v1/requests", Map.of(
                "requesterType", requesterType, "instrument", instrument, "caseIds", caseIds,
                "subjectIds", List.of(), "requestedRecords", List.of("CARD_RECORD"),
                "receivedOn", "2026-03-02"), Map.of());
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        return UUID.fromString(read(created).get("requestId").asText());
    }

    private void awaitRegistered(HttpHeaders officer, UUID requestId) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                call(officer, HttpMethod.GET, "/api/v1/requests/" + requestId, null, Map.of())
                        .getStatusCode().value()).isEqualTo(200));
    }

    private ResponseEntity<String> call(HttpHeaders credentials, HttpMethod method, String path, Object body,
                                        Map<String, String> extra) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(credentials);
        extra.forEach(headers::set);
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode read(ResponseEntity<String> answer) {
        return readText(answer.getBody() == null ? "null" : answer.getBody());
    }

    private JsonNode readText(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
