package org.mincard.application.casefile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.projections.caseview.SealedField.CaseField;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one endpoint that shows a case's personal data. Every field goes through the access gate: the caller names
 * a purpose ({@code X-Access-Purpose}), the policy decides per role and data class, and each field shown, purged or
 * refused leaves one access record. A purged field answers {@code {"purged": "<class>"}}.
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases")
class CasePersonalDataController {

    private final CasePersonalData personalData;
    private final CurrentActor currentActor;

    CasePersonalDataController(CasePersonalData personalData, CurrentActor currentActor) {
        this.personalData = personalData;
        this.currentActor = currentActor;
    }

    /** The case's personal fields that were asked for, each shown or marked purged. */
    record CasePersonalDataAnswer(UUID caseId, AccessPurpose purpose, Map<CaseField, Object> fields) {
    }

    @GetMapping("/{caseId}/personal-data")
    @Operation(summary = "Read a case's personal data through the access gate",
            description = "Requires X-Access-Purpose (CASE_WORK, SUPERVISOR_REVIEW, HOLDER_REQUEST, LEGAL_REQUEST). "
                    + "HOLDER_REQUEST and LEGAL_REQUEST also require X-Request-Reference: the id of a registered "
                    + "request that covers this case or its cardholder (a data subject's open request for "
                    + "HOLDER_REQUEST, a request decided to disclose for LEGAL_REQUEST); the reference is logged with "
                    + "every field. Every field shown is recorded in the access log; a purged field answers {\"purged\": class}; "
                    + "a field the role may not read for that purpose refuses the whole request with 403.")
    CasePersonalDataAnswer read(@PathVariable UUID caseId,
                          @Parameter(in = ParameterIn.HEADER, name = "X-Access-Purpose", required = true)
                          AccessPurpose purpose,
                          @Parameter(description = "The registered request this read answers (HOLDER_REQUEST, "
                                  + "LEGAL_REQUEST)")
                          @RequestHeader(name = "X-Request-Reference", required = false) UUID requestReference,
                          @Parameter(description = "Which fields to read; all the case holds when omitted")
                          @RequestParam(name = "fields", required = false) Set<CaseField> wanted) {
        Map<CaseField, Object> fields = personalData.read(currentActor.get(), caseId, purpose, requestReference,
                wanted);
        return new CasePersonalDataAnswer(caseId, purpose, fields);
    }
}
