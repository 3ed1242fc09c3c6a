package org.mincard.application.retention.manifest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the signed purge manifests ({@code retention.manifest}), which {@link ManifestWriter} appends. */
@Component
public class Manifests {

    public record ManifestSummary(UUID sweepId, long sequence, Instant createdAt, String sha256, String previousSha256) {
    }

    record SignedManifest(UUID sweepId, long sequence, String manifest, String signature, String sha256,
                          String previousSha256) {
    }

    private final JdbcTemplate jdbc;

    Manifests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        Long total = jdbc.queryForObject("SELECT count(*) FROM retention.manifest", Long.class);
        return total == null ? 0 : total;
    }

    /** Newest first. */
    public List<ManifestSummary> page(int page, int size) {
        return jdbc.query("""
                SELECT sweep_id, sequence_no, created_at, sha256, previous_sha256 FROM retention.manifest
                ORDER BY sequence_no DESC LIMIT ? OFFSET ?""", (rs, i) -> new ManifestSummary(
                rs.getObject(1, UUID.class), rs.getLong(2), rs.getTimestamp(3).toInstant(), hex(rs.getBytes(4)),
                hex(rs.getBytes(5))), size, (long) page * size);
    }

    Optional<SignedManifest> find(UUID sweepId) {
        return jdbc.query("""
                SELECT sweep_id, sequence_no, manifest, signature, sha256, previous_sha256 FROM retention.manifest
                WHERE sweep_id = ?""", (rs, i) -> new SignedManifest(rs.getObject(1, UUID.class), rs.getLong(2),
                new String(rs.getBytes(3), StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(rs.getBytes(4)), hex(rs.getBytes(5)), hex(rs.getBytes(6))),
                sweepId).stream().findFirst();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
