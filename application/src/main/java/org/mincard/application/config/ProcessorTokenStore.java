package org.mincard.application.config;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.AbstractTokenEntry;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JDBC token store, plus one read Axon 4 does not offer: every segment's owner, claim time and position without
 * claiming anything. It runs Axon's own query and deserializes the token with Axon's serializer (ADR 0015: no SQL of
 * ours over Axon's tables), so that a node can see the whole cluster's progress, not only its own segments.
 */
public class ProcessorTokenStore extends JdbcTokenStore {

    private final String nodeId;
    private final Duration claimTimeout;

    ProcessorTokenStore(Builder builder, String nodeId, Duration claimTimeout) {
        super(builder.nodeId(nodeId).claimTimeout(claimTimeout));
        this.nodeId = nodeId;
        this.claimTimeout = claimTimeout;
    }

    /** A segment as stored: who claims it (null: nobody), when the claim was last taken, extended or released. */
    public record SegmentClaim(int segment, String owner, Instant timestamp, TrackingToken token) {

        /** Since when nobody works on the segment, or null while a claim is held and fresh. */
        public Instant unclaimedSince(Instant now, Duration claimTimeout) {
            if (owner == null) {
                return timestamp;
            }
            Instant expires = timestamp.plus(claimTimeout);
            return expires.isAfter(now) ? null : expires;
        }
    }

    /** This node's name as the owner of a claim. */
    public String nodeId() {
        return nodeId;
    }

    /** How long a claim holds without being extended; after it another node may take the segment. */
    public Duration claimTimeout() {
        return claimTimeout;
    }

    /** Every segment of {@code processorName} as stored, in segment order; claims nothing. */
    public List<SegmentClaim> segments(String processorName) {
        Connection connection = getConnection();
        try (PreparedStatement statement = selectTokenEntries(connection, processorName);
             ResultSet rows = statement.executeQuery()) {
            List<SegmentClaim> segments = new ArrayList<>();
            while (rows.next()) {
                AbstractTokenEntry<?> entry = readTokenEntry(rows);
                segments.add(new SegmentClaim(entry.getSegment(), entry.getOwner(), entry.timestamp(),
                        entry.getToken(serializer())));
            }
            return segments;
        } catch (SQLException e) {
            throw new JdbcException("Could not read the segments of processor " + processorName, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a pooled connection: nothing to recover
            }
        }
    }
}
