package org.mincard.application.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.UUID;

/** Rebuilds a read model from the event store, with progress per segment (ADMIN). See docs/runbook.md. */
@RestController
@RequestMapping("/api/v1/admin/replays")
@Tag(name = "Operations")
@Validated
class ReplayController {

    private final Replays replays;
    private final BulkReplay bulkReplay;
    private final CurrentActor currentActor;

    ReplayController(Replays replays, BulkReplay bulkReplay, CurrentActor currentActor) {
        this.replays = replays;
        this.bulkReplay = bulkReplay;
        this.currentActor = currentActor;
    }

    @Schema(example = "{\"processingGroup\": \"case-view\"}")
    record ReplayRequest(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}") String processingGroup) {
    }

    @PostMapping
    @Operation(summary = "Rebuild a read model (ADMIN)",
            description = "Asks the other nodes to release the processing group's segments, stops its processor on "
                    + "this node, resets its tokens (its reset handler empties its tables) and starts it again; then "
                    + "every node replays its share of the events (see the runbook).")
    @ApiResponse(responseCode = "202", description = "Started; follow its progress at Location",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The replay: /api/v1/admin/replays/{replayId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<Replays.Progress> start(@Valid @RequestBody ReplayRequest request) {
        Replays.Progress progress = replays.start(request.processingGroup(), currentActor.get().userId());
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/replays/" + progress.replayId()))
                .body(progress);
    }

    @Schema(example = "{\"processingGroups\": [\"work-queue\"]}")
    record BulkRebuildRequest(
            @NotEmpty @Size(max = 16) List<@NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}") String> processingGroups) {
    }

    @PostMapping("/bulk")
    @Operation(summary = "Rebuild several read models in one pass over the event store (ADMIN)",
            description = "Stops and resets the processing groups' processors on this node (their reset handlers "
                    + "empty their tables), reads the event store once and folds every event into each read model in "
                    + "large batches, then sets their tokens after the last event and starts them again. The other "
                    + "nodes are asked to release those processors' segments first and stay paused meanwhile; when "
                    + "they do not within 20 s the rebuild ends with error NotReplayable and nothing is reset. One "
                    + "rebuild at a time per node (409 while one runs).")
    @ApiResponse(responseCode = "202", description = "Started; follow its progress at Location",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The rebuild: /api/v1/admin/replays/bulk/{rebuildId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<BulkReplay.Status> startBulk(@Valid @RequestBody BulkRebuildRequest request) {
        BulkReplay.Status status = bulkReplay.start(request.processingGroups(), currentActor.get().userId());
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/replays/bulk/" + status.rebuildId()))
                .body(status);
    }

    @GetMapping("/bulk/{rebuildId}")
    @Operation(summary = "Progress of a bulk rebuild: events folded against the head when it started (ADMIN)")
    BulkReplay.Status bulkProgress(@PathVariable UUID rebuildId) {
        return bulkReplay.status(rebuildId).orElseThrow(() -> ProblemException.notFound("Rebuild " + rebuildId));
    }

    @GetMapping("/{replayId}")
    @Operation(summary = "Progress of a replay: each segment's position against the event store's head (ADMIN)")
    Replays.Progress progress(@PathVariable UUID replayId) {
        return replays.progress(replayId).orElseThrow(() -> ProblemException.notFound("Replay " + replayId));
    }
}
