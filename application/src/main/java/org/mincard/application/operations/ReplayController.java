package org.mincard.application.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/** Rebuilds a read model from the event store, with progress per segment (ADMIN). See docs/runbook.md. */
@RestController
@RequestMapping("/api/v1/admin/replays")
@Tag(name = "Operations")
@Validated
class ReplayController {

    private final Replays replays;
    private final CurrentActor currentActor;

    ReplayController(Replays replays, CurrentActor currentActor) {
        this.replays = replays;
        this.currentActor = currentActor;
    }

    @Schema(example = "{\"processingGroup\": \"case-view\"}")
    record ReplayRequest(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}") String processingGroup) {
    }

    @PostMapping
    @Operation(summary = "Rebuild a read model (ADMIN)",
            description = "Stops the processing group's processor on this node, resets its tokens (its reset handler "
                    + "empties its tables) and starts it again; it then replays every event. Every other node must "
                    + "have stopped that processor first (see the runbook).")
    @ApiResponse(responseCode = "202", description = "Started; follow its progress at Location",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The replay: /api/v1/admin/replays/{replayId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<Replays.Progress> start(@Valid @RequestBody ReplayRequest request) {
        Replays.Progress progress = replays.start(request.processingGroup(), currentActor.get().userId());
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/replays/" + progress.replayId()))
                .body(progress);
    }

    @GetMapping("/{replayId}")
    @Operation(summary = "Progress of a replay: each segment's position against the event store's head (ADMIN)")
    Replays.Progress progress(@PathVariable UUID replayId) {
        return replays.progress(replayId).orElseThrow(() -> ProblemException.notFound("Replay " + replayId));
    }
}
