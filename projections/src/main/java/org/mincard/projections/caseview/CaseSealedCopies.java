package org.mincard.projections.caseview;

import org.mincard.domain.personaldata.DataClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * Removes the case view's sealed copies ({@code read_model.case_sealed_field}) of a cardholder's purged data class.
 * The case view owns the table, so the statement lives here; retention's sweep calls it (through the application's
 * purge listener) in the transaction that destroys the keys, so a copy is gone exactly when its key is.
 */
@Component
public class CaseSealedCopies {

    /** One cardholder's data class whose keys a purge destroyed. */
    public record Purged(UUID subjectId, DataClass dataClass) {

        public Purged {
            Objects.requireNonNull(subjectId, "subjectId");
            Objects.requireNonNull(dataClass, "dataClass");
        }
    }

    private final JdbcTemplate jdbc;

    CaseSealedCopies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes every sealed copy of these (cardholder, class) pairs, in one statement; idempotent. */
    public void forget(Collection<Purged> purged) {
        if (purged.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    DELETE FROM read_model.case_sealed_field f
                    USING unnest(?::uuid[], ?::varchar[]) AS d(subject_id, data_class)
                    WHERE f.subject_id = d.subject_id AND f.data_class = d.data_class""");
            statement.setArray(1, connection.createArrayOf("uuid",
                    purged.stream().map(Purged::subjectId).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar",
                    purged.stream().map(item -> item.dataClass().name()).toArray()));
            return statement;
        });
    }
}
