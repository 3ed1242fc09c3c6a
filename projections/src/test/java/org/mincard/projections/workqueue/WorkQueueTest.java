package org.mincard.projections.workqueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mincard.domain.casefile.CaseState;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WorkQueueTest {

    @ParameterizedTest
    @EnumSource(CaseState.class)
    void putsACaseInAQueue_exactlyWhenItWaitsForStaffWork(CaseState state) {
        assertThat(WorkQueue.of(state).isPresent()).isEqualTo(state.isWorkable());
    }

    @Test
    void givesEveryQueueAtLeastOneState() {
        assertThat(Arrays.stream(CaseState.values()).map(WorkQueue::of).flatMap(Optional::stream).distinct())
                .containsExactlyInAnyOrder(WorkQueue.values());
    }

    @Test
    void readsQueueNamesFromUrls_inKebabOrConstantForm() {
        assertThat(WorkQueue.fromPath("document-review")).contains(WorkQueue.DOCUMENT_REVIEW);
        assertThat(WorkQueue.fromPath("IN_THE_MAIL")).contains(WorkQueue.IN_THE_MAIL);
        assertThat(WorkQueue.fromPath("triage")).isEmpty();
        assertThat(WorkQueue.PICKUP.path()).isEqualTo("pickup");
    }
}
