package org.mincard.application.retention.compliance;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.web.RequestProblems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Forecast (what would be purged by a date) and the compliance check: counts and ids, never personal data. */
@RestController
@Tag(name = "Retention")
class RetentionReportsController {

    private final RetentionForecast forecast;
    private final ComplianceCheck compliance;
    private final Clock clock;

    RetentionReportsController(RetentionForecast forecast, ComplianceCheck compliance, Clock clock) {
        this.forecast = forecast;
        this.compliance = compliance;
        this.clock = clock;
    }

    @GetMapping("/api/v1/retention/forecast")
    @Operation(summary = "What a sweep would purge by the end of a date (UTC), per rule and class; held items apart")
    RetentionForecast.Forecast forecast(@RequestParam LocalDate until) {
        if (until.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(100))) {
            throw RequestProblems.invalid("until", "must be within 100 years");
        }
        return forecast.until(until);
    }

    @GetMapping("/api/v1/retention/compliance")
    @Operation(summary = "Recompute from the event store alone: violations (overdue, not held) and early purges")
    ComplianceCheck.Report compliance() {
        return compliance.check();
    }
}
