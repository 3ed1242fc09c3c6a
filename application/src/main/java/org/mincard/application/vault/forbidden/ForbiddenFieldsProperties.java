package org.mincard.application.vault.forbidden;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Map;

/**
 * Fields the ordinance forbids collecting, by rule: each rule id (e.g. {@code social-security-number}) lists the
 * field names that carry such data. Names match anywhere in a JSON request body, ignoring case and any character
 * that is not a letter or digit ({@code ssn}, {@code SSN}, {@code social_security_number} ...). A profile switches a
 * rule off by giving it an empty list.
 */
@Validated
@ConfigurationProperties("mincard.privacy")
record ForbiddenFieldsProperties(Map<String, List<String>> forbiddenFields) {

    ForbiddenFieldsProperties {
        forbiddenFields = forbiddenFields == null ? Map.of() : Map.copyOf(forbiddenFields);
    }
}
