package org.mincard.application.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.mincard.application.security.AuthorizationRule.open;
import static org.mincard.application.security.AuthorizationRule.openIf;
import static org.mincard.application.security.AuthorizationRule.roles;
import static org.mincard.domain.shared.Role.ADMIN;
import static org.mincard.domain.shared.Role.AUDITOR;
import static org.mincard.domain.shared.Role.CLERK;
import static org.mincard.domain.shared.Role.RECORDS_OFFICER;
import static org.mincard.domain.shared.Role.SUPERVISOR;

/**
 * The authorization matrix, the single source of truth: the security filter chain is built from it, the matrix test
 * checks every cell of it over HTTP, and docs/security.md must show it.
 *
 * <p>A new endpoint needs one row in {@link #API}, with the method and the path pattern of its mapping. Without a
 * row it is denied to everyone, and AuthorizationMatrixIT fails. Rows are matched in order, first match wins.
 * Site scoping (404 for another site's case) is on top of this, in the controller: see {@link SiteScope}.
 */
final class AuthorizationRules {

    /** The application's own endpoints. */
    static final List<AuthorizationRule> API = List.of(
            roles(HttpMethod.POST, "/api/v1/cases", true,
                    "Intake takes personal data; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.GET, "/api/v1/cases/{caseId}", false,
                    "Non-personal case facts; site-scoped for clerks and supervisors", CLERK, SUPERVISOR,
                    RECORDS_OFFICER),
            roles(HttpMethod.GET, "/api/v1/cases/{caseId}/personal-data", true,
                    "Personal fields through the access gate (purpose header, access log); site-scoped",
                    CLERK, SUPERVISOR, RECORDS_OFFICER),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/check-in", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/review", true,
                    "Takes the document review (sealed); site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/escalate", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/return-from-escalation", false,
                    "Supervisor decision; site-scoped", SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/approve", false,
                    "Escalated cases: supervisor only (domain rule); site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/deny", false,
                    "Escalated cases: supervisor only (domain rule); site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/appeal", false,
                    "Records the applicant's appeal; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/decide-appeal", false,
                    "Supervisor decision; site-scoped", SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/produce-card", false,
                    "Card production; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/mail", true,
                    "May take a delivery address (sealed); site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/confirm-delivery", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/mark-returned", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/hand-over", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/withdraw", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/mark-no-show", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/abandon", false,
                    "Lifecycle action; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/cancel", false,
                    "Staff cancellation; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/claim", false,
                    "Takes an unassigned case of one's site; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/release", false,
                    "The holder or a supervisor; site-scoped", CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/assign", false,
                    "Assign or reassign to a clerk; site-scoped", SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cases/{caseId}/priority", false,
                    "Raise or lower priority; site-scoped", SUPERVISOR),
            roles(HttpMethod.GET, "/api/v1/queues", false,
                    "Queue figures for the caller's sites", CLERK, SUPERVISOR),
            roles(HttpMethod.GET, "/api/v1/queues/{queue}", true,
                    "Queue page; applicant names only with X-Access-Purpose, through the access gate; site-scoped",
                    CLERK, SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/queues/reassignments", false,
                    "Moves an absent clerk's cases at the caller's sites", SUPERVISOR),
            roles(HttpMethod.GET, "/api/v1/dashboard", false,
                    "Counts per day and site, no personal data; site-scoped", SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/admin/replays", false,
                    "Rebuilds a read model from the event store", ADMIN),
            roles(HttpMethod.GET, "/api/v1/admin/replays/{replayId}", false,
                    "Progress of a replay", ADMIN),
            roles(HttpMethod.POST, "/api/v1/admin/replays/bulk", false,
                    "Rebuilds several read models in one pass over the event store", ADMIN),
            roles(HttpMethod.GET, "/api/v1/admin/replays/bulk/{rebuildId}", false,
                    "Progress of a bulk rebuild", ADMIN),
            roles(HttpMethod.GET, "/api/v1/admin/dead-letters", false,
                    "Parked events per processing group and sequence: counts, times, exception types", ADMIN),
            roles(HttpMethod.POST, "/api/v1/admin/dead-letters/{processingGroup}/retries", false,
                    "Retries a processing group's parked sequences on this node", ADMIN),
            roles(HttpMethod.POST, "/api/v1/admin/key-rotations", false,
                    "Starts re-wrapping every live data key under the current key-encryption key", ADMIN),
            roles(HttpMethod.GET, "/api/v1/admin/key-rotations/{rotationId}", false,
                    "Progress of a key rotation", ADMIN),
            roles(HttpMethod.POST, "/api/v1/cards/{cardNumber}/revoke", false,
                    "Revocation for a documented reason", SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cards/{cardNumber}/reinstate", false,
                    "Reinstatement of a revoked card", SUPERVISOR),
            roles(HttpMethod.POST, "/api/v1/cards/{cardNumber}/report-lost", false,
                    "Deactivates a lost, stolen or damaged card", CLERK, SUPERVISOR),
            roles(HttpMethod.GET, "/api/v1/retention/policy", false,
                    "Active retention profile, version and rules", RECORDS_OFFICER, AUDITOR, ADMIN),
            roles(HttpMethod.POST, "/api/v1/retention/sweeps", false,
                    "Starts a retention sweep of everything due now", RECORDS_OFFICER),
            roles(HttpMethod.GET, "/api/v1/retention/sweeps/{sweepId}", false,
                    "Sweep progress and counts (ids only)", RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.POST, "/api/v1/retention/holds", false,
                    "Places a legal hold with its authority", RECORDS_OFFICER),
            roles(HttpMethod.POST, "/api/v1/retention/holds/{holdId}/release", false,
                    "Releases a legal hold with its authority", RECORDS_OFFICER),
            roles(HttpMethod.GET, "/api/v1/retention/holds", false,
                    "Legal holds: scopes by id, reasons and authorities", RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.GET, "/api/v1/retention/forecast", false,
                    "Counts due by a date per rule and class", RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.GET, "/api/v1/retention/compliance", false,
                    "Recomputed from the event store: violations and early purges (ids only)",
                    RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.GET, "/api/v1/retention/manifests", false,
                    "Signed purge manifests (ids and counts)", RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.GET, "/api/v1/retention/manifests/{sweepId}", false,
                    "One signed purge manifest (ids and counts)", RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.GET, "/api/v1/retention/signing-key", false,
                    "Public key that verifies purge manifests", RECORDS_OFFICER, AUDITOR, ADMIN),
            roles(HttpMethod.POST, "/api/v1/audit/checkpoints", false,
                    "Signs the current hash-chain heads (hashes and counts only)", AUDITOR, ADMIN),
            roles(HttpMethod.GET, "/api/v1/audit/checkpoints/{checkpointId}", false,
                    "A signed checkpoint as JSON", AUDITOR, ADMIN),
            roles(HttpMethod.GET, "/api/v1/audit/checkpoints/{checkpointId}/signature", false,
                    "A checkpoint's detached signature", AUDITOR, ADMIN),
            roles(HttpMethod.GET, "/api/v1/audit/signing-key", false,
                    "The checkpoint signing public key", AUDITOR, ADMIN),
            roles(HttpMethod.POST, "/api/v1/audit/verify", false,
                    "Verifies the chains against a checkpoint the auditor kept", AUDITOR, ADMIN),
            roles(HttpMethod.GET, "/api/v1/audit/verify", false,
                    "Verifies the chains against the latest stored checkpoint", AUDITOR, ADMIN),
            roles(HttpMethod.GET, "/api/v1/audit/access-records", false,
                    "Access log search and CSV export: pseudonymous ids and codes, flags", AUDITOR),
            roles(HttpMethod.GET, "/api/v1/audit/search-records", false,
                    "Log of searches by name or card number (counts, never the terms), flags, CSV export", AUDITOR),
            roles(HttpMethod.POST, "/api/v1/requests", false,
                    "Registers a third-party data request (scope as ids and requested-records codes, no free text)",
                    RECORDS_OFFICER),
            roles(HttpMethod.GET, "/api/v1/requests", false,
                    "The request register: codes, pseudonymous ids, dates", RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.GET, "/api/v1/requests/{requestId}", false,
                    "One request of the register", RECORDS_OFFICER, AUDITOR),
            roles(HttpMethod.POST, "/api/v1/requests/{requestId}/counsel-review", false,
                    "Names the counsel reviewer", RECORDS_OFFICER),
            roles(HttpMethod.POST, "/api/v1/requests/{requestId}/decision", false,
                    "Records the decision", RECORDS_OFFICER),
            roles(HttpMethod.POST, "/api/v1/requests/{requestId}/holder-notification", false,
                    "Records that holders were notified", RECORDS_OFFICER),
            roles(HttpMethod.POST, "/api/v1/requests/{requestId}/response", false,
                    "Records the answer date", RECORDS_OFFICER),
            roles(HttpMethod.POST, "/api/v1/requests/{requestId}/disclosures", true,
                    "Produces records through the access gate (LEGAL_REQUEST, logged against the request)",
                    RECORDS_OFFICER),
            roles(HttpMethod.GET, "/api/v1/reports/annual", false,
                    "Annual transparency report: counts only, small counts suppressed", AUDITOR, RECORDS_OFFICER,
                    ADMIN));

    private AuthorizationRules() {
    }

    /** Every rule in force under these settings: the API, then the operational endpoints. */
    static List<AuthorizationRule> all(SecuritySettings settings) {
        List<AuthorizationRule> rules = new ArrayList<>(API);
        String docs = "Public unless mincard.security.public-api-docs=false, then any role";
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/v3/api-docs", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/v3/api-docs/**", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/v3/api-docs.yaml", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/swagger-ui.html", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(openIf(settings.publicApiDocs(), HttpMethod.GET, "/swagger-ui/**", docs,
                CLERK, SUPERVISOR, RECORDS_OFFICER, AUDITOR, ADMIN));
        rules.add(open(HttpMethod.GET, "/actuator/health",
                "Status only; components' details for ADMIN"));
        rules.add(open(HttpMethod.GET, "/actuator/health/**",
                "Liveness and readiness probes"));
        rules.add(openIf(settings.publicPrometheus(), HttpMethod.GET, "/actuator/prometheus",
                "ADMIN and the metrics scraper's credential (mincard.security.metrics-scraper) unless"
                        + " mincard.security.public-prometheus=true", ADMIN));
        rules.add(roles(null, "/actuator/**", false, "Every other actuator endpoint", ADMIN));
        // Spring Boot renders failures through /error; its body is problem+json without framework details.
        rules.add(open(null, "/error", "Error rendering only"));
        return List.copyOf(rules);
    }

    /** The rule the filter chain applies to this request: the first that matches. */
    static Optional<AuthorizationRule> ruleFor(List<AuthorizationRule> rules, HttpServletRequest request) {
        return rules.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
    }
}
