package org.mincard.application.console;

import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.oversight.Checkpoints;
import org.mincard.application.oversight.accesslog.AccessRecordQuery;
import org.mincard.application.oversight.accesslog.AccessRecordSearch;
import org.mincard.application.oversight.accesslog.FlaggedAccessRecord;
import org.mincard.application.oversight.register.DataRequests;
import org.mincard.application.oversight.report.AnnualReport;
import org.mincard.application.oversight.report.AnnualReports;
import org.mincard.application.vault.AccessOutcome;
import org.mincard.application.vault.AccessPurpose;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The auditor's screens: the chains' verification against the latest stored checkpoint, the access log with its
 * flags (filter by purpose, outcome, flagged reads), the request register, and the printable annual report with site
 * names. Never personal data: ids, codes and counts, and staff by display name.
 */
@Controller
class AuditPageController {

    static final int RECORDS = 200;
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private final Checkpoints checkpoints;
    private final AccessRecordSearch accessRecords;
    private final DataRequests requests;
    private final AnnualReports reports;
    private final SiteDirectory sites;
    private final Clock clock;

    AuditPageController(Checkpoints checkpoints, AccessRecordSearch accessRecords, DataRequests requests,
                        AnnualReports reports, SiteDirectory sites, Clock clock) {
        this.checkpoints = checkpoints;
        this.accessRecords = accessRecords;
        this.requests = requests;
        this.reports = reports;
        this.sites = sites;
        this.clock = clock;
    }

    @GetMapping("/console/audit")
    String audit(@RequestParam(required = false) AccessPurpose purpose,
                 @RequestParam(required = false) AccessOutcome outcome,
                 @RequestParam(required = false) boolean flaggedOnly, Model model) {
        Instant now = clock.instant();
        model.addAttribute("verification", checkpoints.latest()
                .map(latest -> checkpoints.verify(latest.payload(), latest.signature(), "latest-stored"))
                .orElseGet(() -> checkpoints.verify(null, null, "none")));
        List<FlaggedAccessRecord> records = accessRecords.search(new AccessRecordQuery(null, null, null, purpose,
                outcome, now.minus(DEFAULT_WINDOW), null, null, RECORDS));
        model.addAttribute("records", flaggedOnly ? records.stream().filter(r -> !r.flags().isEmpty()).toList()
                : records);
        model.addAttribute("purposes", AccessPurpose.values());
        model.addAttribute("outcomes", AccessOutcome.values());
        model.addAttribute("purpose", purpose);
        model.addAttribute("outcome", outcome);
        model.addAttribute("flaggedOnly", flaggedOnly);
        int year = LocalDate.ofInstant(now, sites.defaultZone()).getYear();
        model.addAttribute("year", year);
        model.addAttribute("requests", requests.list(year));
        return "console/audit";
    }

    @GetMapping("/console/audit/report")
    String report(@RequestParam(required = false) Integer year, Model model) {
        int asked = year == null ? LocalDate.ofInstant(clock.instant(), sites.defaultZone()).getYear()
                : Math.max(2000, Math.min(9999, year));
        AnnualReport report = reports.report(asked);
        model.addAttribute("report", report);
        model.addAttribute("sections", report.sections().stream().map(this::withSiteNames).toList());
        return "console/report";
    }

    /** One report section as shown: site ids among the items are replaced by the sites' names. */
    record ShownSection(String key, String title, Map<String, Object> values, String note) {
    }

    private ShownSection withSiteNames(AnnualReport.Section section) {
        Map<String, Object> values = new LinkedHashMap<>();
        section.values().forEach((item, value) -> values.put(siteName(item), value));
        return new ShownSection(section.key(), section.title(), values, section.note());
    }

    private String siteName(String item) {
        try {
            UUID siteId = UUID.fromString(item);
            return sites.find(siteId).map(SiteDirectory.Site::name).orElse(item);
        } catch (IllegalArgumentException notASite) {
            return item;
        }
    }
}
