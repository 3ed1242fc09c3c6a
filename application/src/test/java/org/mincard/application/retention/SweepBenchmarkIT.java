package org.mincard.application.retention;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mincard.application.vault.keys.KeyEncryptionKeys;
import org.mincard.application.vault.keys.SoftHsm;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Prints sweep throughput when asked ({@code -Dmincard.benchmark=true}, optionally
 * {@code -Dmincard.benchmark.sweep-items=100000}); asserts nothing about time. {@code -Dmincard.benchmark.kek=pkcs11}
 * runs the node with its KEK versions in a SoftHSM2 token instead of the local key folder.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest(properties = "mincard.retention.sweep.batch-size=2000")
class SweepBenchmarkIT {

    @DynamicPropertySource
    static void kek(DynamicPropertyRegistry registry) {
        if ("pkcs11".equals(System.getProperty("mincard.benchmark.kek"))) {
            for (String property : SoftHsm.versionedSpringProperties(SoftHsm.uniquePrefix("sweep-bench"))) {
                int equals = property.indexOf('=');
                registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
            }
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    KeyEncryptionKeys keks;

    @Test
    void printsSweepThroughput_whenTheBenchmarkIsRequested() {
        int items = Integer.getInteger("mincard.benchmark.sweep-items", 100_000);
        System.out.println("retention sweep: KEK " + keks.getClass().getSimpleName() + " " + keks.currentKekId()
                + "\n" + SweepBenchmark.run(context, items));
    }
}
