package org.mincard.application.vault;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.vault.keys.KeyRotations;
import org.mincard.application.vault.keys.KeyRotations.KeyRotation;
import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.ProblemException.Kind;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Rewrapping every data key under the current key-encryption key; for administrators (see docs/runbook.md). */
@RestController
@RequestMapping("/api/v1/admin/key-rotations")
@Tag(name = "Administration")
class KeyRotationController {

    private static final URI FORBIDDEN = URI.create("urn:mincard:problem:forbidden");

    private final KeyRotations rotations;
    private final CurrentActor actors;

    KeyRotationController(KeyRotations rotations, CurrentActor actors) {
        this.rotations = rotations;
        this.actors = actors;
    }

    @PostMapping
    @Operation(summary = "Start rewrapping every live data key under the current key-encryption key")
    @ApiResponse(responseCode = "202", description = "Started; follow its progress at Location",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The rotation: /api/v1/admin/key-rotations/{rotationId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<KeyRotation> start() {
        Actor actor = requireAdmin();
        try {
            KeyRotation started = rotations.start(actor.userId());
            return ResponseEntity.accepted()
                    .location(URI.create("/api/v1/admin/key-rotations/" + started.rotationId()))
                    .body(started);
        } catch (KeyRotations.RotationAlreadyRunning e) {
            throw new ProblemException(Kind.CONFLICT, ApiProblems.CONFLICT, "Rotation running",
                    e.getMessage() + "; wait for it to finish.", Map.of());
        }
    }

    @GetMapping("/{rotationId}")
    @Operation(summary = "Progress of a key rotation: done, total, and live keys still under another KEK")
    KeyRotation progress(@PathVariable UUID rotationId) {
        requireAdmin();
        return rotations.find(rotationId).orElseThrow(() -> ProblemException.notFound("Key rotation " + rotationId));
    }

    private Actor requireAdmin() {
        Actor actor = actors.get();
        if (actor.role() != Role.ADMIN) {
            throw new ProblemException(Kind.NOT_PERMITTED, FORBIDDEN, "Forbidden",
                    "Your role may not manage key-encryption keys.", Map.of());
        }
        return actor;
    }
}
