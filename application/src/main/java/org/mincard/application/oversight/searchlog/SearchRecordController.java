package org.mincard.application.oversight.searchlog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.oversight.SearchKind;
import org.mincard.application.oversight.searchlog.SearchRecords.SearchRecord;
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
import java.util.stream.Collectors;

/**
 * The search log for auditors: who searched by a name or a card number, when, in which queue, with how many terms
 * and candidates (never the terms), flagged when off hours or when the actor searched more than
 * {@code bulk-searches} times in the {@code bulk-window} ending at this search. Keyset pages in search-id order;
 * CSV with {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/v1/audit/search-records")
@Tag(name = "Audit")
class SearchRecordController {

    static final int MAX_PAGE = 1_000;
    static final int MAX_CSV = 50_000;

    private final SearchRecords records;

    SearchRecordController(SearchRecords records) {
        this.records = records;
    }

    /** One page; {@code nextAfter} is the cursor for the next page, absent on the last. */
    record SearchRecordPage(List<SearchRecord> items, Long nextAfter) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search the log of searches by name or card number (keyset pages; pass nextAfter as after)")
    SearchRecordPage page(@RequestParam(required = false) String actorId,
                          @RequestParam(required = false) SearchKind kind,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(required = false) Long after,
                          @RequestParam(defaultValue = "100") int limit) {
        int size = RequestProblems.between("limit", limit, 1, MAX_PAGE);
        List<SearchRecord> items = records.search(actorId, kind, from, to, after, size);
        return new SearchRecordPage(items, items.size() < size ? null : items.get(items.size() - 1).searchId());
    }

    @GetMapping(produces = "text/csv")
    @Operation(summary = "The same search as CSV (one page of up to 50,000 rows; Next-After header for the next)")
    ResponseEntity<String> csv(@RequestParam(required = false) String actorId,
                               @RequestParam(required = false) SearchKind kind,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(required = false) Long after,
                               @RequestParam(defaultValue = "10000") int limit) {
        int size = RequestProblems.between("limit", limit, 1, MAX_CSV);
        List<SearchRecord> items = records.search(actorId, kind, from, to, after, size);
        StringBuilder csv = new StringBuilder("search_id,occurred_at,actor_id,actor_role,kind,queue,terms,matches,"
                + "flags\r\n");
        for (SearchRecord item : items) {
            csv.append(item.searchId()).append(',').append(item.occurredAt()).append(',')
                    .append(Csv.cell(item.actorId())).append(',').append(Csv.cell(item.actorRole())).append(',')
                    .append(item.kind()).append(',').append(Csv.cell(item.queue())).append(',')
                    .append(item.terms()).append(',').append(item.matches()).append(',')
                    .append(item.flags().stream().map(Enum::name).collect(Collectors.joining(";"))).append("\r\n");
        }
        return Csv.attachment("search-records.csv", csv,
                items.size() == size ? items.get(items.size() - 1).searchId() : null);
    }
}
