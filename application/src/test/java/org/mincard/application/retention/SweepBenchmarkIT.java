package org.mincard.application.retention;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Prints sweep throughput when asked ({@code -Dmincard.benchmark=true}, optionally
 * {@code -Dmincard.benchmark.sweep-items=100000}); asserts nothing about time.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest(properties = "mincard.retention.sweep.batch-size=2000")
class SweepBenchmarkIT {

    @Autowired
    ApplicationContext context;

    @Test
    void printsSweepThroughput_whenTheBenchmarkIsRequested() {
        int items = Integer.getInteger("mincard.benchmark.sweep-items", 100_000);
        System.out.println(SweepBenchmark.run(context, items));
    }
}
