package org.mincard.application.config;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.mincard.application.config.ProcessorTokenStore.SegmentClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the pooled processors' segments among the live nodes (ADR 0023). Every {@code heartbeat-interval} this node
 * records that it takes part in each pooled processor ({@code operations.processor_member}, database time), reads
 * which nodes are live, and computes its fair share: with S segments and N live nodes ordered by name, the first
 * S mod N nodes may claim ceil(S/N) segments and the others floor(S/N). Axon asks for that number before every claim
 * round ({@code MaxSegmentProvider}) and releases segments above it by itself, so a new node gets its share within a
 * few seconds and a dead node's share goes to the others once its membership and its claims have expired.
 * <p>
 * The same tick bounds Axon's release back-off: after a database fault Axon keeps a failed segment away from every
 * claim for up to 60 s (doubling from 1 s). A segment that no node has claimed for {@code reclaim-after} is claimed
 * here at once through {@code claimSegment}, which lifts that back-off, by a node whose share leaves room for it.
 */
@Component
public class ProcessorCluster implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorCluster.class);

    private final JdbcTemplate jdbc;
    private final ProcessorTokenStore tokens;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final EventStore events;
    private final ProcessorsProperties properties;
    private final Clock clock;
    private final Map<String, Integer> shares = new ConcurrentHashMap<>();
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService ticker;
    private volatile boolean running;
    private volatile boolean failing;

    ProcessorCluster(JdbcTemplate jdbc, ProcessorTokenStore tokens, ObjectProvider<EventProcessingConfiguration> processing,
                     EventStore events, ProcessorsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.processing = processing;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pooled processor seen from the whole cluster, as this node reads it from the token store. */
    public record View(String processor, int segments, int claimedHere, int fairShare, List<String> liveNodes,
                       int unclaimed, Duration longestUnclaimed, Long headPosition, Long slowestPosition,
                       long lagEvents, boolean replaying) {
    }

    /** The most segments of {@code processor} this node may claim now (Axon's {@code MaxSegmentProvider}). */
    public int fairShare(String processor) {
        Integer share = shares.get(processor);
        if (share == null) {
            refresh(processor);
            share = shares.get(processor);
        }
        return share == null ? Short.MAX_VALUE : share;
    }

    /** The pooled processors of this node, by name. */
    public Map<String, PooledStreamingEventProcessor> processors() {
        Map<String, PooledStreamingEventProcessor> pooled = new TreeMap<>();
        processing.getObject().eventProcessors().forEach((name, processor) -> {
            if (processor instanceof PooledStreamingEventProcessor streaming) {
                pooled.put(name, streaming);
            }
        });
        return pooled;
    }

    /** The cluster-wide state of {@code processor}, read now from the token store and the event store. */
    public View view(String processor) {
        PooledStreamingEventProcessor local = processors().get(processor);
        Map<Integer, EventTrackerStatus> here = local == null ? Map.of() : local.processingStatus();
        List<SegmentClaim> stored = tokens.segments(processor);
        Instant now = clock.instant();
        int unclaimed = 0;
        Duration longest = Duration.ZERO;
        long slowest = Long.MAX_VALUE;
        boolean replaying = false;
        for (SegmentClaim segment : stored) {
            Instant since = segment.unclaimedSince(now, tokens.claimTimeout());
            if (since != null) {
                unclaimed++;
                Duration unclaimedFor = Duration.between(since, now);
                longest = unclaimedFor.compareTo(longest) > 0 ? unclaimedFor : longest;
            }
            slowest = Math.min(slowest, position(segment.token()));
            replaying |= segment.token() != null && ReplayToken.isReplay(segment.token());
        }
        TrackingToken head = events.createHeadToken();
        Long headPosition = head == null ? null : head.position().orElse(-1);
        Long slowestPosition = stored.isEmpty() ? null : slowest;
        long lag = headPosition == null || slowestPosition == null ? 0 : Math.max(0, headPosition - slowestPosition);
        return new View(processor, stored.size(), here.size(), fairShare(processor),
                members.getOrDefault(processor, List.of()), unclaimed, longest, headPosition, slowestPosition, lag,
                replaying);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** Reads membership and claims of every pooled processor, refreshes the shares and reclaims stranded segments. */
    void tick() {
        try {
            for (String processor : processors().keySet()) {
                refresh(processor);
            }
            if (failing) {
                LOG.info("Processor membership refreshed again after a failure");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                // The class only: a database error's message may quote a statement's parameters.
                LOG.warn("Processor membership could not be refreshed ({}); keeping the last shares",
                        e.getClass().getSimpleName());
                failing = true;
            }
        }
    }

    private synchronized void refresh(String processor) {
        if (running) {
            jdbc.update("""
                    INSERT INTO operations.processor_member (processor_name, node_id, heartbeat_at)
                    VALUES (?, ?, now())
                    ON CONFLICT (processor_name, node_id) DO UPDATE SET heartbeat_at = now()""",
                    processor, tokens.nodeId());
        }
        List<String> live = new ArrayList<>(jdbc.queryForList("""
                SELECT node_id FROM operations.processor_member
                WHERE processor_name = ? AND heartbeat_at > now() - make_interval(secs => ?)""",
                String.class, processor, properties.memberTimeout().toMillis() / 1000.0));
        TreeSet<String> nodes = new TreeSet<>(live);
        nodes.add(tokens.nodeId());
        List<String> ordered = List.copyOf(nodes);
        members.put(processor, ordered);
        List<SegmentClaim> stored = tokens.segments(processor);
        if (stored.isEmpty()) {
            // Not initialised yet: Axon creates the segments on its first claim round; claim as Axon would.
            shares.put(processor, (int) Short.MAX_VALUE);
            return;
        }
        int segments = stored.size();
        int rank = ordered.indexOf(tokens.nodeId());
        int share = segments / ordered.size() + (rank < segments % ordered.size() ? 1 : 0);
        List<String> pausedBy = jdbc.queryForList("""
                SELECT node_id FROM operations.processor_pause WHERE processor_name = ? AND until > now()""",
                String.class, processor);
        if (!pausedBy.isEmpty()) {
            share = pausedBy.contains(tokens.nodeId()) ? segments : 0;
        }
        Integer previous = shares.put(processor, share);
        if (previous != null && previous != share) {
            LOG.info("Processor {}: {} live node(s), this node's share is now {} of {} segments", processor,
                    ordered.size(), share, segments);
        }
        reclaim(processor, stored, share);
    }

    /** Claims segments nobody has worked on for {@code reclaim-after}, as far as this node's share leaves room. */
    private void reclaim(String processor, List<SegmentClaim> stored, int share) {
        PooledStreamingEventProcessor local = processors().get(processor);
        if (!running || local == null || !local.isRunning() || properties.reclaimAfter().isZero()) {
            return;
        }
        Map<Integer, EventTrackerStatus> here = local.processingStatus();
        int room = share - here.size();
        Instant now = clock.instant();
        for (SegmentClaim segment : stored) {
            if (room <= 0) {
                return;
            }
            if (here.containsKey(segment.segment())) {
                continue;
            }
            Instant since = tokens.nodeId().equals(segment.owner()) ? segment.timestamp()
                    : segment.unclaimedSince(now, tokens.claimTimeout());
            if (since != null && Duration.between(since, now).compareTo(properties.reclaimAfter()) >= 0) {
                LOG.info("Processor {}: segment {} claimed by no node since {}; claiming it", processor,
                        segment.segment(), since);
                local.claimSegment(segment.segment());
                room--;
            }
        }
    }

    /**
     * Asks every other node to release {@code processor}'s segments (their share becomes 0 at their next tick) and
     * waits, at most {@code timeout}, until none holds a live claim on one; answers whether they did. The request
     * lapses by itself after {@code maxPause}, should this node die before {@link #resume}.
     */
    public boolean pauseOthers(String processor, Duration timeout, Duration maxPause) {
        jdbc.update("""
                INSERT INTO operations.processor_pause (processor_name, node_id, until)
                VALUES (?, ?, now() + make_interval(secs => ?))
                ON CONFLICT (processor_name) DO UPDATE SET node_id = excluded.node_id, until = excluded.until""",
                processor, tokens.nodeId(), maxPause.toMillis() / 1000.0);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // A live node extends an idle claim only every 5-10 s, so a claim just past the claim timeout may still
            // be extended: only a released claim, or one long past the timeout (its node is dead), counts as free.
            Instant stale = clock.instant().minus(tokens.claimTimeout()).minus(properties.memberTimeout());
            boolean othersHold = tokens.segments(processor).stream().anyMatch(segment -> segment.owner() != null
                    && !segment.owner().equals(tokens.nodeId()) && segment.timestamp().isAfter(stale));
            if (!othersHold) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Ends this node's pause of {@code processor}: the others claim their shares again at their next tick. */
    public void resume(String processor) {
        jdbc.update("DELETE FROM operations.processor_pause WHERE processor_name = ? AND node_id = ?", processor,
                tokens.nodeId());
        refresh(processor);
    }

    /** The nodes last seen live for {@code processor}, this one included. */
    public List<String> liveNodes(String processor) {
        return Collections.unmodifiableList(members.getOrDefault(processor, List.of()));
    }

    @Override
    public void start() {
        running = true;
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "processor-membership");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.heartbeatInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Leaves the cluster: the other nodes count one node fewer at their next tick and take the released segments. */
    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService current = ticker;
        if (current != null) {
            current.shutdownNow();
        }
        try {
            jdbc.update("DELETE FROM operations.processor_member WHERE node_id = ?", tokens.nodeId());
        } catch (RuntimeException e) {
            LOG.warn("Could not leave the processor membership ({}); it expires by itself",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before Axon's processors (so the first claim round knows the share) and stopped after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
