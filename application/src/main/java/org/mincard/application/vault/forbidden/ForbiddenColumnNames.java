package org.mincard.application.vault.forbidden;

import org.mincard.application.vault.ForbiddenColumns;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link ForbiddenColumns} with the request bodies' list of forbidden fields and their normalization. */
@Component
class ForbiddenColumnNames implements ForbiddenColumns {

    private final ForbiddenFields forbidden;

    ForbiddenColumnNames(ForbiddenFieldsProperties properties) {
        this.forbidden = new ForbiddenFields(properties.forbiddenFields());
    }

    @Override
    public Optional<String> ruleFor(String columnName) {
        return forbidden.ruleFor(columnName);
    }
}
