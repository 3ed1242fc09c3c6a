package org.mincard.application.retention.sweep;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.ProblemException.Kind;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Sweeps on demand (records officers) and their progress. */
@RestController
@Tag(name = "Retention")
class SweepController {

    private final SweepRunner runner;
    private final Sweeps sweeps;
    private final CurrentActor currentActor;

    SweepController(SweepRunner runner, Sweeps sweeps, CurrentActor currentActor) {
        this.runner = runner;
        this.sweeps = sweeps;
        this.currentActor = currentActor;
    }

    @PostMapping("/api/v1/retention/sweeps")
    @Operation(summary = "Start a sweep of everything due now (202); 409 while another sweep runs")
    @ApiResponse(responseCode = "202", description = "Started; follow its progress at Location",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The sweep: /api/v1/retention/sweeps/{sweepId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<Sweeps.SweepStatus> start() {
        try {
            Sweeps.SweepStatus planned = runner.start("ON_DEMAND", currentActor.get().userId());
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .header("Location", "/api/v1/retention/sweeps/" + planned.sweepId()).body(planned);
        } catch (Sweeps.SweepAlreadyRunning e) {
            Map<String, Object> properties = new HashMap<>();
            if (e.running() != null) {
                properties.put("runningSweepId", e.running().toString());
            }
            throw new ProblemException(Kind.CONFLICT, ApiProblems.CONFLICT, "Sweep running",
                    "A retention sweep is already running; follow its progress instead.", properties);
        }
    }

    @GetMapping("/api/v1/retention/sweeps/{sweepId}")
    @Operation(summary = "A sweep's progress (done/total) and counts")
    Sweeps.SweepStatus status(@PathVariable UUID sweepId) {
        return sweeps.status(sweepId).orElseThrow(() -> ProblemException.notFound("Sweep"));
    }
}
