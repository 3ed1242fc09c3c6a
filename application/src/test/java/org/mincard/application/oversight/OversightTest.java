package org.mincard.application.oversight;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One application context (one database) for the oversight ITs: the chainer and checkpoints run only when a test
 * asks, so what a test tampers with is not linked behind its back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mincard.oversight.chain.interval=PT1H",
        "mincard.oversight.chain.gap-grace=PT0S",
        "mincard.oversight.checkpoints.cron=-",
        "mincard.reports.suppress-below=3"})
@interface OversightTest {
}
