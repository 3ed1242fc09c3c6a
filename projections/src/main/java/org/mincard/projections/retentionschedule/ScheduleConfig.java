package org.mincard.projections.retentionschedule;

import org.mincard.domain.cardholder.RenewalPolicy;
import org.mincard.domain.retention.RetentionFacts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ScheduleConfig {

    @Bean
    RetentionFacts retentionFacts(RenewalPolicy renewal) {
        return new RetentionFacts(renewal);
    }
}
