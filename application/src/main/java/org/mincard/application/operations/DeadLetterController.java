package org.mincard.application.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.mincard.application.operations.ParkedSequences.ParkedSequence;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.web.ProblemException;
import org.mincard.application.web.RequestProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Dead letters for operators (ADMIN): what is parked, per processing group and per sequence (a case), and retrying
 * them after the cause is fixed. Never shows an event's payload or the failure's message (only its exception type):
 * both could carry more than an operator needs. Retries run on this node, through Axon's own dead-letter processor,
 * so a sequence that succeeds leaves the queue and one that fails again goes back with its count raised.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Tag(name = "Operations")
class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);
    static final int MAX_LIST = 1_000;
    static final int MAX_RETRY = 1_000;

    private final EventProcessingConfiguration processing;
    private final ParkedSequences parked;
    private final CurrentActor currentActor;

    DeadLetterController(EventProcessingConfiguration processing, ParkedSequences parked,
                         CurrentActor currentActor) {
        this.processing = processing;
        this.parked = parked;
        this.currentActor = currentActor;
    }

    record GroupCount(String processingGroup, long sequences, long events) {
    }

    record DeadLetters(List<GroupCount> groups, List<ParkedSequence> sequences) {
    }

    record RetryResult(String processingGroup, int attempted, int succeeded, long remainingSequences) {
    }

    @GetMapping
    @Operation(summary = "Parked events per processing group, and the oldest parked sequences (ADMIN)",
            description = "A sequence is one case's events, parked together so they are never applied out of order. "
                    + "Shows counts, times and the failure's exception type; never payloads or messages.")
    DeadLetters list(@RequestParam(defaultValue = "100") int limit) {
        RequestProblems.between("limit", limit, 1, MAX_LIST);
        List<GroupCount> groups = new ArrayList<>();
        for (String group : processing.eventProcessors().keySet().stream().sorted().toList()) {
            processing.deadLetterQueue(group).ifPresent(queue -> groups.add(
                    new GroupCount(group, queue.amountOfSequences(), queue.size())));
        }
        return new DeadLetters(groups, parked.oldest(limit));
    }

    @PostMapping("/{processingGroup}/retries")
    @Operation(summary = "Retry a processing group's parked sequences on this node, oldest first (ADMIN)",
            description = "Fix the cause first. Tries each parked sequence once, at most 'max' of them; answers how "
                    + "many succeeded (and left the queue) and how many sequences remain.")
    RetryResult retry(@PathVariable String processingGroup, @RequestParam(defaultValue = "100") int max) {
        RequestProblems.between("max", max, 1, MAX_RETRY);
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(processingGroup)
                .orElseThrow(() -> ProblemException.notFound("Dead-letter queue of processing group"));
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> ProblemException.notFound("Dead-letter queue of processing group"));
        int attempts = (int) Math.min(max, queue.amountOfSequences());
        int succeeded = 0;
        for (int i = 0; i < attempts; i++) {
            if (processor.processAny()) {
                succeeded++;
            }
        }
        long remaining = queue.amountOfSequences();
        log.info("Dead letters of {} retried by {}: {} of {} sequences succeeded, {} remain", processingGroup,
                currentActor.get().userId(), succeeded, attempts, remaining);
        return new RetryResult(processingGroup, attempts, succeeded, remaining);
    }
}
