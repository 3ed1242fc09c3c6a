package org.mincard.application.vault;

import java.util.Optional;

/**
 * The ordinance's forbidden fields applied to the column names of a file (bulk imports), with the same names and the
 * same matching as request bodies ({@code mincard.privacy.forbidden-fields}): {@code SSN}, {@code ssn} and
 * {@code social_security_number} all match.
 */
public interface ForbiddenColumns {

    /** The rule that forbids a column of this name, if any. */
    Optional<String> ruleFor(String columnName);
}
