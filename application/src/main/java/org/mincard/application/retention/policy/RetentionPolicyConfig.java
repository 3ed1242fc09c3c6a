package org.mincard.application.retention.policy;

import org.mincard.domain.retention.RetentionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The active retention policy, validated at start-up: a bad rule refuses the start naming the rule. */
@Configuration(proxyBeanMethods = false)
class RetentionPolicyConfig {

    @Bean
    RetentionPolicy retentionPolicy(RetentionProperties properties) {
        return RetentionPolicy.from(properties.profile(), properties.profiles());
    }
}
