package org.mincard.application.vault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Prints the vault's figures when asked ({@code -Dmincard.benchmark=true}); asserts nothing about time, so a slow
 * shared machine cannot fail the build.
 */
@EnabledIfSystemProperty(named = "mincard.benchmark", matches = "true")
@SpringBootTest(properties = "mincard.vault.read-limit.max-reads=100000000")
class VaultBenchmarkIT {

    @Autowired
    ApplicationContext context;

    @Test
    void printsSealAndUnsealFigures_whenTheBenchmarkIsRequested() {
        System.out.println(VaultBenchmark.run(context, 2_000, 400));
    }
}
