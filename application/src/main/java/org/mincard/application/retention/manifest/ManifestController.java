package org.mincard.application.retention.manifest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mincard.application.retention.manifest.Manifests.ManifestSummary;
import org.mincard.application.retention.manifest.Manifests.SignedManifest;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.RequestProblems;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    private final Manifests manifests;
    private final ManifestSigner signer;

    ManifestController(Manifests manifests, ManifestSigner signer) {
        this.manifests = manifests;
        this.signer = signer;
    }

    record ManifestPage(List<ManifestSummary> manifests, int page, int size, long total) {
    }

    @GetMapping("/api/v1/retention/manifests")
    @Operation(summary = "Purge manifests, newest first, paginated")
    ManifestPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw RequestProblems.invalid("page", "must be 0 or more");
        }
        RequestProblems.between("size", size, 1, MAX_PAGE_SIZE);
        long total = manifests.count();
        return new ManifestPage(manifests.page(page, size), page, size, total);
    }

    @GetMapping("/api/v1/retention/manifests/{sweepId}")
    @Operation(summary = "One manifest: the signed canonical JSON text, its Ed25519 signature (base64) and hashes")
    SignedManifest one(@PathVariable UUID sweepId) {
        return manifests.find(sweepId).orElseThrow(() -> ProblemException.notFound("Manifest"));
    }

    @GetMapping(value = "/api/v1/retention/signing-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The Ed25519 public key (PEM) that verifies purge manifests")
    String signingKey() {
        return signer.publicKeyPem();
    }
}
