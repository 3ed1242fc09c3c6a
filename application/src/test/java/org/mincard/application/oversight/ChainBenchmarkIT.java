package org.mincard.application.oversight;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Prints the hash chain's figures when asked ({@code -Dmincard.benchmark=true}; {@code -Dmincard.benchmark.records}
 * sets the verify size, default 1,000,000); asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest(properties = {
        "mincard.oversight.chain.interval=PT1H",
        "mincard.oversight.checkpoints.cron=-"})
class ChainBenchmarkIT {

    @Autowired
    ApplicationContext context;

    @Test
    void printsAppendLinkAndVerifyFigures_whenTheBenchmarkIsRequested() throws Exception {
        int records = Integer.getInteger("mincard.benchmark.records", 1_000_000);
        System.out.println(ChainBenchmark.run(context, 8, 10, records));
    }
}
