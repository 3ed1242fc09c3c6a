package org.mincard.application.retention.manifest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.RequestProblems;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Signed purge manifests and the public key that verifies them. A manifest is served as the exact signed text (a
 * JSON string) with its signature, so an auditor can verify it offline (docs/retention.md).
 */
@RestController
@Tag(name = "Retention")
class ManifestController {

    private static final int MAX_PAGE_SIZE = 100;

    private final JdbcTemplate jdbc;
    private final ManifestSigner signer;

    ManifestController(JdbcTemplate jdbc, ManifestSigner signer) {
        this.jdbc = jdbc;
        this.signer = signer;
    }

    record ManifestSummary(UUID sweepId, long sequence, Instant createdAt, String sha256, String previousSha256) {
    }

    record ManifestPage(List<ManifestSummary> manifests, int page, int size, long total) {
    }

    record SignedManifest(UUID sweepId, long sequence, String manifest, String signature, String sha256,
                          String previousSha256) {
    }

    @GetMapping("/api/v1/retention/manifests")
    @Operation(summary = "Purge manifests, newest first, paginated")
    ManifestPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw RequestProblems.invalid("page", "must be 0 or more");
        }
        RequestProblems.between("size", size, 1, MAX_PAGE_SIZE);
        Long total = jdbc.queryForObject("SELECT count(*) FROM retention.manifest", Long.class);
        List<ManifestSummary> manifests = jdbc.query("""
                SELECT sweep_id, sequence_no, created_at, sha256, previous_sha256 FROM retention.manifest
                ORDER BY sequence_no DESC LIMIT ? OFFSET ?""", (rs, i) -> new ManifestSummary(
                rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3).toInstant(), hex(rs.getBytes(4)),
                hex(rs.getBytes(5))), size, (long) page * size);
        return new ManifestPage(manifests, page, size, total == null ? 0 : total);
    }

    @GetMapping("/api/v1/retention/manifests/{sweepId}")
    @Operation(summary = "One manifest: the signed canonical JSON text, its Ed25519 signature (base64) and hashes")
    SignedManifest one(@PathVariable UUID sweepId) {
        return jdbc.query("""
                SELECT sweep_id, sequence_no, manifest, signature, sha256, previous_sha256 FROM retention.manifest
                WHERE sweep_id = ?""", (rs, i) -> new SignedManifest(rs.getObject(1, UUID.class), rs.getLong(2),
                new String(rs.getBytes(3), StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(rs.getBytes(4)), hex(rs.getBytes(5)), hex(rs.getBytes(6))),
                sweepId).stream().findFirst().orElseThrow(() -> ProblemException.notFound("Manifest"));
    }

    @GetMapping(value = "/api/v1/retention/signing-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The Ed25519 public key (PEM) that verifies purge manifests")
    String signingKey() {
        return signer.publicKeyPem();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
