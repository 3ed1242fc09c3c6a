package org.mincard.application.oversight.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.web.CalendarYear;
import org.mincard.application.web.Csv;
import org.mincard.application.web.RequestProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;

/** The annual transparency report as JSON, CSV or a printable HTML page (by the Accept header). */
@RestController
@RequestMapping("/api/v1/reports/annual")
@Tag(name = "Reports")
class AnnualReportController {

    private final AnnualReports reports;

    AnnualReportController(AnnualReports reports) {
        this.reports = reports;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The annual transparency report (counts only; small counts suppressed)")
    AnnualReport json(@RequestParam @CalendarYear int year) {
        return reports.report(RequestProblems.between("year", year, 2000, 9999));
    }

    @GetMapping(produces = "text/csv")
    @Operation(summary = "The annual report as CSV: section,item,value")
    ResponseEntity<String> csv(@RequestParam @CalendarYear int year) {
        AnnualReport report = reports.report(RequestProblems.between("year", year, 2000, 9999));
        StringBuilder csv = new StringBuilder("section,item,value\r\n");
        for (AnnualReport.Section section : report.sections()) {
            if (section.values().isEmpty()) {
                csv.append(Csv.cell(section.key())).append(",,").append(Csv.cell(section.note() == null ? "" : section.note()))
                        .append("\r\n");
            }
            section.values().forEach((item, value) -> csv.append(Csv.cell(section.key())).append(',').append(Csv.cell(item))
                    .append(',').append(Csv.cell(String.valueOf(value))).append("\r\n"));
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"annual-report-" + year + ".csv\"")
                .body(csv.toString());
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The annual report as a printable HTML page")
    ResponseEntity<String> html(@RequestParam @CalendarYear int year) {
        AnnualReport report = reports.report(RequestProblems.between("year", year, 2000, 9999));
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Annual transparency report %d</title>
                <style>body{font-family:sans-serif;max-width:48em;margin:2em auto}table{border-collapse:collapse;
                width:100%%;margin-bottom:1.5em}th,td{border:1px solid #999;padding:.3em .6em;text-align:left}
                td.n{text-align:right}@media print{h2{page-break-after:avoid}table{page-break-inside:avoid}}</style>
                </head><body><h1>Annual transparency report %d</h1>
                <p>Counts only. Counts from 1 to %d are shown as &lt;%d so that no person can be singled out.</p>
                """.formatted(report.year(), report.year(), report.suppressBelow() - 1, report.suppressBelow()));
        for (AnnualReport.Section section : report.sections()) {
            html.append("<h2>").append(HtmlUtils.htmlEscape(section.title())).append("</h2>");
            if (section.note() != null) {
                html.append("<p>").append(HtmlUtils.htmlEscape(section.note())).append("</p>");
            }
            if (!section.values().isEmpty()) {
                html.append("<table><tbody>");
                section.values().forEach((item, value) -> html.append("<tr><th scope=\"row\">")
                        .append(HtmlUtils.htmlEscape(item)).append("</th><td class=\"n\">")
                        .append(HtmlUtils.htmlEscape(String.valueOf(value))).append("</td></tr>"));
                html.append("</tbody></table>");
            } else if (section.note() == null) {
                html.append("<p>None.</p>");
            }
        }
        html.append("</body></html>\n");
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(html.toString());
    }

}
