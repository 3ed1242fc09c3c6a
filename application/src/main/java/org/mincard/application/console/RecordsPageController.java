package org.mincard.application.console;

import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.oversight.register.DataRequests;
import org.mincard.application.retention.compliance.RetentionForecast;
import org.mincard.application.retention.holds.LegalHoldViews;
import org.mincard.application.retention.holds.LegalHolds;
import org.mincard.application.retention.manifest.Manifests;
import org.mincard.application.retention.policy.RetentionPolicyController;
import org.mincard.application.retention.sweep.SweepRunner;
import org.mincard.application.retention.sweep.SweepState;
import org.mincard.application.retention.sweep.Sweeps;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.retention.HoldReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The records officer's screen: the retention policy in force and its forecast (what falls due per class and month),
 * sweeps (start one, follow its progress live), legal holds (place, release, the list), signed purge manifests and
 * the request register. Every action goes through the same service as the API ({@link LegalHolds},
 * {@link SweepRunner}), so it is the same command, event and hash-chained log. Ids, codes and counts only.
 */
@Controller
class RecordsPageController {

    static final int MANIFESTS = 20;
    static final int FORECAST_MONTHS = 12;
    private static final Logger LOG = LoggerFactory.getLogger(RecordsPageController.class);

    private final RetentionPolicyController policy;
    private final RetentionForecast forecast;
    private final LegalHolds legalHolds;
    private final SiteDirectory sites;
    private final Sweeps sweeps;
    private final SweepRunner runner;
    private final LegalHoldViews holds;
    private final Manifests manifests;
    private final DataRequests requests;
    private final CurrentActor currentActor;
    private final Clock clock;

    RecordsPageController(RetentionPolicyController policy, RetentionForecast forecast, LegalHolds legalHolds,
                          SiteDirectory sites, Sweeps sweeps, SweepRunner runner, LegalHoldViews holds,
                          Manifests manifests, DataRequests requests, CurrentActor currentActor, Clock clock) {
        this.policy = policy;
        this.forecast = forecast;
        this.legalHolds = legalHolds;
        this.sites = sites;
        this.sweeps = sweeps;
        this.runner = runner;
        this.holds = holds;
        this.manifests = manifests;
        this.requests = requests;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    @GetMapping("/console/records")
    String records(@RequestParam(required = false) UUID sweep, Model model) {
        model.addAttribute("policy", policy.policy());
        Optional<UUID> shown = Optional.ofNullable(sweep).or(sweeps::running);
        model.addAttribute("sweep", shown.flatMap(sweeps::status).orElse(null));
        model.addAttribute("holds", holds.all());
        model.addAttribute("manifests", manifests.page(0, MANIFESTS));
        model.addAttribute("manifestCount", manifests.count());
        model.addAttribute("requests", requests.list(LocalDate.ofInstant(clock.instant(), sites.defaultZone())
                .getYear()));
        RetentionForecast.Months months = forecast.byMonth(sites.defaultZone(), FORECAST_MONTHS);
        model.addAttribute("forecast", months);
        model.addAttribute("forecastLines", lines(months));
        model.addAttribute("holdReasons", Arrays.stream(HoldReason.values()).filter(HoldReason::selectable).toList());
        model.addAttribute("sites", sites.all());
        return "console/records";
    }

    /** One month's count of one class: due (to be purged) and held (kept by a hold). */
    record Cell(int due, int held) {
    }

    /** One data class across the forecast's months. */
    record ForecastLine(String dataClass, List<Cell> cells, int due, int held) {
    }

    private static List<ForecastLine> lines(RetentionForecast.Months months) {
        Map<String, Map<YearMonth, RetentionForecast.MonthRow>> byClass = new HashMap<>();
        months.rows().forEach(row -> byClass.computeIfAbsent(row.dataClass(), c -> new HashMap<>())
                .put(row.month(), row));
        List<ForecastLine> lines = new ArrayList<>();
        for (String dataClass : new TreeSet<>(byClass.keySet())) {
            List<Cell> cells = new ArrayList<>();
            int due = 0;
            int held = 0;
            for (YearMonth month : months.months()) {
                RetentionForecast.MonthRow row = byClass.get(dataClass).get(month);
                Cell cell = row == null ? new Cell(0, 0) : new Cell(row.due(), row.held());
                cells.add(cell);
                due += cell.due();
                held += cell.held();
            }
            lines.add(new ForecastLine(dataClass, cells, due, held));
        }
        return lines;
    }

    /**
     * Places a hold on the listed cases, or on a site's cases and cards opened in a date range, through the API's
     * {@link LegalHolds}: a coded reason and an authority reference, never free text.
     */
    @PostMapping("/console/records/holds")
    String placeHold(@RequestParam(defaultValue = "cases") String scope,
                     @RequestParam(required = false) String caseIds, @RequestParam(required = false) UUID siteId,
                     @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                     @RequestParam(required = false) HoldReason reason, @RequestParam(required = false) String authority,
                     RedirectAttributes redirect) {
        boolean bySite = "site".equals(scope);
        return holdAction(redirect, "placed", () -> "Legal hold placed (" + legalHolds.place(new LegalHolds.Placement(
                bySite ? null : caseIdList(caseIds), null, bySite ? siteId : null, bySite ? from : null,
                bySite ? to : null, reason, authority)).holdId().toString().substring(0, 8)
                + "): purges of what it covers are suspended until it is released.");
    }

    @PostMapping("/console/records/holds/{holdId}/release")
    String releaseHold(@PathVariable UUID holdId, @RequestParam(required = false) String authority,
                       RedirectAttributes redirect) {
        return holdAction(redirect, "released", () -> "Legal hold "
                + legalHolds.release(holdId, authority).holdId().toString().substring(0, 8)
                + " released: what it held is due again at the next sweep.");
    }

    /** Runs a hold action and flashes what it did, or the rule it broke (field and rule, never the value). */
    private static String holdAction(RedirectAttributes redirect, String verb, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("done", action.get());
        } catch (ProblemException refused) {
            redirect.addFlashAttribute("problem", "Not " + verb + ": " + refused.getMessage());
        } catch (RuntimeException failed) {
            // The class only: a message could carry a value.
            LOG.warn("console: a legal hold was not {}: {}", verb, failed.getClass().getName());
            redirect.addFlashAttribute("problem", ConsoleProblems.describe(failed));
        }
        return "redirect:/console/records#holds-heading";
    }

    /** Case ids typed one per line or separated by commas or spaces; a malformed one refuses the form. */
    private static List<UUID> caseIdList(String text) {
        List<UUID> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        for (String part : text.split("[\\s,;]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(UUID.fromString(part.strip()));
            } catch (IllegalArgumentException notAnId) {
                throw RequestProblems.invalid("caseIds", "must be case ids (UUIDs)");
            }
        }
        return ids;
    }

    /** The progress fragment the page polls while a sweep runs (htmx); without JavaScript, reload the page. */
    @GetMapping("/console/records/sweeps/{sweepId}")
    String progress(@PathVariable UUID sweepId, Model model) {
        model.addAttribute("sweep", sweeps.status(sweepId).orElse(null));
        return "console/records :: progress";
    }

    @PostMapping("/console/records/sweeps")
    String sweep(RedirectAttributes redirect) {
        try {
            Sweeps.SweepStatus planned = runner.start("ON_DEMAND", currentActor.get().userId());
            redirect.addAttribute("sweep", planned.sweepId());
            redirect.addFlashAttribute("done", "Sweep started: " + planned.total() + " items due.");
        } catch (Sweeps.SweepAlreadyRunning running) {
            if (running.running() != null) {
                redirect.addAttribute("sweep", running.running());
            }
            redirect.addFlashAttribute("problem", "A sweep is already running; its progress is shown below.");
        }
        return "redirect:/console/records";
    }

    static boolean isRunning(Sweeps.SweepStatus status) {
        return status != null && status.state() == SweepState.RUNNING;
    }
}
