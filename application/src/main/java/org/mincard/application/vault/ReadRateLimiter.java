package org.mincard.application.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window limit on personal-data reads per user, on this node. Bulk reading is what an insider leaking a
 * population looks like; the limit makes it slow and the RATE_LIMITED records make it visible.
 */
final class ReadRateLimiter {

    private static final int PRUNE_ABOVE = 10_000;

    private record Window(Instant start, int reads) {
    }

    private final int maxReads;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    ReadRateLimiter(int maxReads, Duration window, Clock clock) {
        this.maxReads = maxReads;
        this.window = window;
        this.clock = clock;
    }

    /** Takes {@code reads} from this user's allowance, all or nothing. */
    boolean tryAcquire(String userId, int reads) {
        Instant now = clock.instant();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
        }
        boolean[] granted = {false};
        windows.compute(userId, (user, current) -> {
            Window open = current == null || !now.isBefore(current.start().plus(window)) ? new Window(now, 0) : current;
            if (open.reads() + reads <= maxReads) {
                granted[0] = true;
                return new Window(open.start(), open.reads() + reads);
            }
            return open;
        });
        return granted[0];
    }

    Duration retryAfter(String userId) {
        Window current = windows.get(userId);
        return current == null ? Duration.ZERO : Duration.between(clock.instant(), current.start().plus(window));
    }
}
