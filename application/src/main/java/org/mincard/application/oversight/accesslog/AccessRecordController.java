package org.mincard.application.oversight.accesslog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.vault.AccessOutcome;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.web.Csv;
import org.mincard.application.web.RequestProblems;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The access log for auditors: who read which class of which pseudonymous subject's data, why, and what happened,
 * with flags for purged or held records, off-hours reads and bulk readers. Keyset pages in access-id order; the
 * same search as CSV with {@code Accept: text/csv}. The log holds ids and codes only, no personal data.
 */
@RestController
@RequestMapping("/api/v1/audit/access-records")
@Tag(name = "Audit")
class AccessRecordController {

    static final int MAX_PAGE = 1_000;
    static final int MAX_CSV = 50_000;

    private final AccessRecordSearch search;

    AccessRecordController(AccessRecordSearch search) {
        this.search = search;
    }

    /** One page; {@code nextAfter} is the cursor for the next page, absent on the last. */
    record AccessRecordPage(List<FlaggedAccessRecord> items, Long nextAfter) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search the access log (keyset pages; pass nextAfter as after)")
    AccessRecordPage page(@RequestParam(required = false) String actorId,
                          @RequestParam(required = false) UUID caseId,
                          @RequestParam(required = false) UUID subjectId,
                          @RequestParam(required = false) AccessPurpose purpose,
                          @RequestParam(required = false) AccessOutcome outcome,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(required = false) Long after,
                          @RequestParam(defaultValue = "100") int limit) {
        int size = RequestProblems.between("limit", limit, 1, MAX_PAGE);
        List<FlaggedAccessRecord> items = search.search(new AccessRecordQuery(actorId, caseId, subjectId, purpose,
                outcome, from, to, after, size));
        return new AccessRecordPage(items, items.size() < size ? null : items.get(items.size() - 1).accessId());
    }

    @GetMapping(produces = "text/csv")
    @Operation(summary = "The same search as CSV (one page of up to 50,000 rows; Next-After header for the next)")
    ResponseEntity<String> csv(@RequestParam(required = false) String actorId,
                               @RequestParam(required = false) UUID caseId,
                               @RequestParam(required = false) UUID subjectId,
                               @RequestParam(required = false) AccessPurpose purpose,
                               @RequestParam(required = false) AccessOutcome outcome,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(required = false) Long after,
                               @RequestParam(defaultValue = "10000") int limit) {
        int size = RequestProblems.between("limit", limit, 1, MAX_CSV);
        List<FlaggedAccessRecord> items = search.search(new AccessRecordQuery(actorId, caseId, subjectId, purpose,
                outcome, from, to, after, size));
        StringBuilder csv = new StringBuilder("access_id,occurred_at,actor_id,actor_role,site_id,case_id,subject_id,"
                + "data_class,purpose,outcome,refusal_reason,request_reference,flags\r\n");
        for (FlaggedAccessRecord item : items) {
            csv.append(item.accessId()).append(',').append(item.occurredAt()).append(',')
                    .append(Csv.cell(item.actorId())).append(',').append(Csv.cell(item.actorRole())).append(',')
                    .append(Csv.cell(item.siteId())).append(',').append(Csv.cell(item.caseId())).append(',')
                    .append(Csv.cell(item.subjectId())).append(',').append(Csv.cell(item.dataClass())).append(',')
                    .append(Csv.cell(item.purpose())).append(',').append(Csv.cell(item.outcome())).append(',')
                    .append(Csv.cell(item.refusalReason())).append(',').append(Csv.cell(item.requestReference())).append(',')
                    .append(Csv.cell(item.flags().stream().map(Enum::name).collect(Collectors.joining(";"))))
                    .append("\r\n");
        }
        return Csv.attachment("access-records.csv", csv,
                items.size() == size ? items.get(items.size() - 1).accessId() : null);
    }
}
