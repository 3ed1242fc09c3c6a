package org.mincard.application.config;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorProgressTest {

    private static final Segment[] FOUR = Segment.computeSegments(0, 1, 2, 3);

    @Test
    void caughtUp_whenEverySegmentIsClaimedHereAndAtTheHead() {
        assertThat(ProcessorProgress.reached(status(10, 10, 12, 10), 10)).isTrue();
        assertThat(ProcessorProgress.reached(Map.of(0, new TrackerStatus(Segment.ROOT_SEGMENT,
                new GlobalSequenceTrackingToken(10))), 10)).isTrue();
    }

    @Test
    void notCaughtUp_whenASegmentIsBehind() {
        assertThat(ProcessorProgress.reached(status(10, 9, 10, 10), 10)).isFalse();
    }

    @Test
    void notCaughtUp_whenASegmentIsNotClaimedHere() {
        Map<Integer, EventTrackerStatus> three = status(10, 10, 10, 10);
        three.remove(2);

        assertThat(ProcessorProgress.reached(three, 10)).isFalse();
        assertThat(ProcessorProgress.reached(Map.of(), 10)).isFalse();
    }

    @Test
    void notCaughtUp_whenASegmentIsInError() {
        Map<Integer, EventTrackerStatus> status = status(10, 10, 10, 10);
        status.put(1, new TrackerStatus(FOUR[1], new GlobalSequenceTrackingToken(10)).markError(
                new IllegalStateException("test")));

        assertThat(ProcessorProgress.reached(status, 10)).isFalse();
    }

    private static Map<Integer, EventTrackerStatus> status(long... positions) {
        Map<Integer, EventTrackerStatus> status = new HashMap<>();
        for (int i = 0; i < positions.length; i++) {
            status.put(FOUR[i].getSegmentId(), new TrackerStatus(FOUR[i],
                    new GlobalSequenceTrackingToken(positions[i])));
        }
        return status;
    }
}
