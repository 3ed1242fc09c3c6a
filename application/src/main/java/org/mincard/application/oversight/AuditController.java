package org.mincard.application.oversight;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.ProblemException.Kind;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Tamper evidence for auditors: signed checkpoints of the hash chains, the public key to check them offline, and
 * verification of the chains against a checkpoint the auditor kept. Ids, counts and hashes only.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
class AuditController {

    static final String SIGNATURE_HEADER = "Checkpoint-Signature";

    private final Checkpoints checkpoints;
    private final CheckpointSigner signer;

    AuditController(Checkpoints checkpoints, CheckpointSigner signer) {
        this.checkpoints = checkpoints;
        this.signer = signer;
    }

    /** A checkpoint as {@code GET /checkpoints/{checkpointId}} answers it (shortened to one stream). */
    static final String CHECKPOINT_EXAMPLE = "{\"format\":2,\"checkpointId\":\"5b0f7c52-3c1e-4f7a-9a43-2d6a1c9e8b10\","
            + "\"takenAt\":\"2026-03-01T02:00:00Z\",\"keyId\":\"checkpoint-7f3a\",\"streams\":[{\"stream\":"
            + "\"access-log\",\"count\":1042,\"headRecordId\":1042,\"headHash\":"
            + "\"9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab\"}],"
            + "\"erasureLedger\":{\"sequence\":12,\"hash\":"
            + "\"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\"}}";

    @PostMapping(value = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Take a signed checkpoint now",
            description = "Links pending records, then signs the chain heads. The body is the exact signed JSON; "
                    + "the Checkpoint-Signature header carries the Ed25519 signature (base64).")
    @ApiResponse(responseCode = "201", description = "Taken and signed; the body is the exact signed JSON",
            useReturnTypeSchema = true, headers = @Header(name = "Location",
                    description = "The checkpoint: /api/v1/audit/checkpoints/{checkpointId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    ResponseEntity<String> take() {
        Checkpoints.Signed signed = checkpoints.take();
        ResponseEntity<String> taken = download(signed, HttpStatus.CREATED);
        return ResponseEntity.created(URI.create("/api/v1/audit/checkpoints/" + signed.checkpoint().checkpointId()))
                .headers(taken.getHeaders()).body(taken.getBody());
    }

    @GetMapping(value = "/checkpoints/{checkpointId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Download a checkpoint exactly as signed (keep it with its signature)")
    ResponseEntity<String> checkpoint(@PathVariable UUID checkpointId) {
        return download(found(checkpointId), HttpStatus.OK);
    }

    @GetMapping(value = "/checkpoints/{checkpointId}/signature", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "Download a checkpoint's detached Ed25519 signature (raw 64 bytes)")
    ResponseEntity<byte[]> signature(@PathVariable UUID checkpointId) {
        Checkpoints.Signed signed = found(checkpointId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"checkpoint-" + checkpointId
                        + ".sig\"")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(signed.signature());
    }

    @GetMapping(value = "/signing-key", produces = "application/x-pem-file")
    @Operation(summary = "The checkpoint signing public key (PEM, X.509 SubjectPublicKeyInfo)")
    ResponseEntity<String> signingKey() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"checkpoint-signing-"
                        + signer.keyId() + ".pem\"")
                .contentType(MediaType.parseMediaType("application/x-pem-file"))
                .body(signer.publicKeyPem());
    }

    @PostMapping(value = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify the chains against a checkpoint the auditor kept",
            description = "Body: the checkpoint exactly as downloaded. Optional Checkpoint-Signature header "
                    + "(base64) is checked too. Every edited, deleted, inserted or reordered record is reported "
                    + "with its chain position and row id.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The checkpoint JSON exactly as downloaded (byte for byte: it is what was signed)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object"), examples = @ExampleObject(value = CHECKPOINT_EXAMPLE))))
    Checkpoints.VerificationReport verify(@RequestBody String checkpoint,
                                          @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
        return checkpoints.verify(checkpoint, signature == null ? null : base64(signature), "supplied");
    }

    @GetMapping(value = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Verify the chains against the latest stored checkpoint",
            description = "A stored checkpoint is only as trustworthy as the database: prefer POST with your copy.")
    Checkpoints.VerificationReport verifyLatest() {
        return checkpoints.latest()
                .map(latest -> checkpoints.verify(latest.payload(), latest.signature(), "latest-stored"))
                .orElseGet(() -> checkpoints.verify(null, null, "none"));
    }

    private Checkpoints.Signed found(UUID checkpointId) {
        return checkpoints.find(checkpointId).orElseThrow(() -> ProblemException.notFound("Checkpoint "
                + checkpointId));
    }

    private static ResponseEntity<String> download(Checkpoints.Signed signed, HttpStatus status) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"checkpoint-"
                        + signed.checkpoint().checkpointId() + ".json\"")
                .header(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signed.signature()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(new String(signed.payload().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static byte[] base64(String value) {
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Kind.INVALID, ApiProblems.VALIDATION, "Invalid signature",
                    SIGNATURE_HEADER + ": must be base64", Map.of());
        }
    }
}
