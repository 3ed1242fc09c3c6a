package org.mincard.application.retention.holds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.retention.holds.LegalHoldViews.HoldView;
import org.mincard.domain.retention.HoldReason;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Legal holds: placed and released by records officers, each with its authority; recorded as events. */
@RestController
@Tag(name = "Retention")
class LegalHoldController {

    private final LegalHolds legalHolds;
    private final LegalHoldViews holds;

    LegalHoldController(LegalHolds legalHolds, LegalHoldViews holds) {
        this.legalHolds = legalHolds;
        this.holds = holds;
    }

    /**
     * A hold's scope, its reason as a code and its authority as a reference (docket, order or certificate number):
     * never free text, because both stay in the hold's event and the hash-chained hold log.
     */
    @Schema(example = "{\"caseIds\": [\"3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f\"], "
            + "\"reason\": \"LITIGATION_PENDING\", \"authority\": \"2026-CV-0142\"}")
    record PlaceHoldRequest(List<UUID> caseIds, List<UUID> subjectIds, UUID siteId, LocalDate from, LocalDate to,
                            HoldReason reason, String authority) {
    }

    @Schema(example = "{\"authority\": \"ORDER-2026-0311\"}")
    record ReleaseHoldRequest(String authority) {
    }

    @PostMapping("/api/v1/retention/holds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place a legal hold (scope: case ids, subject ids, or a site and date range)")
    HoldView place(@RequestBody PlaceHoldRequest request) {
        return legalHolds.place(new LegalHolds.Placement(request.caseIds(), request.subjectIds(), request.siteId(),
                request.from(), request.to(), request.reason(), request.authority()));
    }

    @PostMapping("/api/v1/retention/holds/{holdId}/release")
    @Operation(summary = "Release a legal hold under an authority; what it held becomes due again")
    HoldView release(@PathVariable UUID holdId, @RequestBody ReleaseHoldRequest request) {
        return legalHolds.release(holdId, request.authority());
    }

    @GetMapping("/api/v1/retention/holds")
    @Operation(summary = "Every legal hold, newest first")
    List<HoldView> list() {
        return holds.all();
    }
}
