package org.mincard.application.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Limits on request bodies; the API takes small JSON documents only, never uploads. */
@Validated
@ConfigurationProperties("mincard.web.request-body")
public record RequestBodyProperties(@NotNull DataSize maxSize) {
}
