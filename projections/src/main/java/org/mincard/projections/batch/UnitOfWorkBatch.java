package org.mincard.projections.batch;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One batch per event processor unit of work: a pooled processor hands a handler up to batch-size events in one
 * unit of work, so a projection collects them in a batch and writes it once, just before that unit of work commits,
 * in its transaction, together with the processor's token.
 */
public final class UnitOfWorkBatch {

    private UnitOfWorkBatch() {
    }

    /**
     * The batch of the current (root) unit of work for this projection, created on first use; {@code flush} runs on
     * it at prepare-commit.
     *
     * @throws IllegalStateException outside an event processor's unit of work
     */
    public static <B> B current(Class<?> projection, Supplier<B> create, Consumer<B> flush) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException(projection.getSimpleName()
                    + " runs inside an event processor's unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(projection.getName() + ".batch", key -> {
            B batch = create.get();
            unitOfWork.onPrepareCommit(committing -> flush.accept(batch));
            return batch;
        });
    }
}
