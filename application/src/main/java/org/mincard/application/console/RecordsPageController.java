package org.mincard.application.console;

import org.mincard.application.oversight.register.DataRequests;
import org.mincard.application.retention.holds.LegalHoldViews;
import org.mincard.application.retention.manifest.Manifests;
import org.mincard.application.retention.policy.RetentionPolicyController;
import org.mincard.application.retention.sweep.SweepRunner;
import org.mincard.application.retention.sweep.SweepState;
import org.mincard.application.retention.sweep.Sweeps;
import org.mincard.application.security.CurrentActor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * The records officer's screen: the retention policy in force, sweeps (start one, follow its progress live), legal
 * holds, signed purge manifests and the request register. Ids, codes and counts only.
 */
@Controller
class RecordsPageController {

    static final int MANIFESTS = 20;

    private final RetentionPolicyController policy;
    private final Sweeps sweeps;
    private final SweepRunner runner;
    private final LegalHoldViews holds;
    private final Manifests manifests;
    private final DataRequests requests;
    private final CurrentActor currentActor;
    private final Clock clock;

    RecordsPageController(RetentionPolicyController policy, Sweeps sweeps, SweepRunner runner, LegalHoldViews holds,
                          Manifests manifests, DataRequests requests, CurrentActor currentActor, Clock clock) {
        this.policy = policy;
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
        model.addAttribute("requests", requests.list(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).getYear()));
        return "console/records";
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
