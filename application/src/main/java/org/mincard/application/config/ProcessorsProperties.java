package org.mincard.application.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * {@code mincard.processors}: how the nodes share the pooled processors' segments (ADR 0023) and when the processors'
 * health reports DOWN.
 *
 * @param nodeId              this node's name in the token store and the member table; blank: the JVM's
 *                            {@code pid@host} (Axon's default), unique per pod and per process on one host
 * @param heartbeatInterval   how often the node refreshes its membership, recomputes its fair share and looks for
 *                            segments nobody works on
 * @param memberTimeout       a node whose membership is older than this no longer counts (it died)
 * @param reclaimAfter        a segment claimed by no node for this long is claimed at once by a node with room for it,
 *                            overriding Axon's release back-off (up to 60 s after a database fault); zero turns it off
 * @param unclaimedThreshold  health is DOWN when a segment has been claimed by no node for longer than this
 * @param maxLagEvents        health is DOWN when a processor's slowest segment is more than this many events behind the
 *                            head of the event store
 * @param notReadyDuringReplay readiness is OUT_OF_SERVICE while a replay started on this node runs
 */
@ConfigurationProperties("mincard.processors")
public record ProcessorsProperties(String nodeId, Duration heartbeatInterval, Duration memberTimeout,
                                   Duration reclaimAfter, Duration unclaimedThreshold, Long maxLagEvents,
                                   Boolean notReadyDuringReplay) {

    public ProcessorsProperties {
        nodeId = nodeId == null || nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId;
        heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(2) : heartbeatInterval;
        memberTimeout = memberTimeout == null ? Duration.ofSeconds(10) : memberTimeout;
        reclaimAfter = reclaimAfter == null ? Duration.ofSeconds(5) : reclaimAfter;
        unclaimedThreshold = unclaimedThreshold == null ? Duration.ofSeconds(30) : unclaimedThreshold;
        maxLagEvents = maxLagEvents == null ? 10_000L : maxLagEvents;
        notReadyDuringReplay = notReadyDuringReplay == null || notReadyDuringReplay;
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || memberTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("mincard.processors.heartbeat-interval must be positive and "
                    + "member-timeout at least twice as long");
        }
        if (reclaimAfter.isNegative() || unclaimedThreshold.isNegative() || maxLagEvents < 0) {
            throw new IllegalArgumentException("mincard.processors.reclaim-after, unclaimed-threshold and "
                    + "max-lag-events must not be negative");
        }
    }
}
