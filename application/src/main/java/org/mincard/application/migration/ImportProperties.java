package org.mincard.application.migration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bulk import of a legacy system's cardholders (docs/runbook.md, "Importing cardholders"). {@code file}: a CSV to
 * import when the service starts (the operations command); {@code exitWhenDone}: stop the process after it, with
 * exit code 0 when every row was imported or skipped and 1 otherwise. {@code batchSize} rows share one transaction
 * and one append; {@code threads} batches run at once.
 */
@Validated
@ConfigurationProperties("mincard.import")
record ImportProperties(String file, Boolean exitWhenDone, @Min(1) @Max(20000) Integer batchSize,
                        @Min(1) @Max(16) Integer threads) {

    ImportProperties {
        exitWhenDone = exitWhenDone == null || exitWhenDone;
        batchSize = batchSize == null ? 1000 : batchSize;
        threads = threads == null ? 2 : threads;
    }
}
