package org.mincard.application.operations;

import org.mincard.application.config.ProcessorsProperties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Part of the readiness group: OUT_OF_SERVICE while a replay started on this node runs (until every segment has
 * passed the event store's head as it was when the tokens were reset), so that a load balancer or Kubernetes routes
 * requests to the other nodes while this one rebuilds a read model. {@code mincard.processors.not-ready-during-replay=false} keeps the node ready (a single node
 * that must go on serving while it replays).
 */
@Component("replaysHealthIndicator")
class ReplayReadiness extends AbstractHealthIndicator {

    private final Replays replays;
    private final ProcessorsProperties properties;

    ReplayReadiness(Replays replays, ProcessorsProperties properties) {
        super("replay readiness check failed");
        this.replays = replays;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long running = replays.running();
        builder.withDetail("replaysRunning", running);
        if (running > 0 && properties.notReadyDuringReplay()) {
            builder.outOfService();
        } else {
            builder.up();
        }
    }
}
