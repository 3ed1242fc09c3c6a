package org.mincard.application.casefile;

import org.mincard.domain.cardholder.CardValidityPolicy;
import org.mincard.domain.cardholder.RenewalPolicy;
import org.mincard.domain.casefile.DocumentType;
import org.mincard.domain.casefile.PointsRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the configured lifecycle rules into the domain's policies. Aggregates receive them as injected resources,
 * so the rules are applied inside the aggregate, where they are tested.
 */
@Configuration(proxyBeanMethods = false)
class LifecycleRules {

    @Bean
    PointsRule pointsRule(LifecycleProperties properties) {
        LifecycleProperties.Points points = properties.points();
        return new PointsRule(points.minimumTotal(), points.minimumIdentity(), points.minimumResidency(),
                points.photoRequired(), points.dateOfBirthRequired());
    }

    @Bean
    CardValidityPolicy cardValidityPolicy(LifecycleProperties properties) {
        LifecycleProperties.Validity validity = properties.validity();
        return new CardValidityPolicy(validity.adultFromAge(), validity.seniorFromAge(), validity.child(),
                validity.adult(), validity.senior());
    }

    @Bean
    RenewalPolicy renewalPolicy(LifecycleProperties properties) {
        LifecycleProperties.Renewal renewal = properties.renewal();
        return new RenewalPolicy(renewal.opensBeforeExpiry(), renewal.closesAfterExpiry(), renewal.gracePeriod());
    }

    @Bean
    DocumentCatalogue documentCatalogue(LifecycleProperties properties) {
        Map<String, DocumentType> types = new TreeMap<>();
        properties.points().documents().forEach((code, document) -> types.put(code,
                new DocumentType(code, document.category(), document.points(), document.photo(),
                        document.dateOfBirth())));
        return new DocumentCatalogue(types);
    }
}
