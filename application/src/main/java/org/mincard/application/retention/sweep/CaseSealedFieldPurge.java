package org.mincard.application.retention.sweep;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Removes the case view's sealed copies ({@code read_model.case_sealed_field}) of purged classes. */
@Component
class CaseSealedFieldPurge implements PurgeListener {

    private final JdbcTemplate jdbc;

    CaseSealedFieldPurge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(List<PurgedItem> items) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    DELETE FROM read_model.case_sealed_field f
                    USING unnest(?::uuid[], ?::varchar[]) AS d(subject_id, data_class)
                    WHERE f.subject_id = d.subject_id AND f.data_class = d.data_class""");
            statement.setArray(1, connection.createArrayOf("uuid",
                    items.stream().map(PurgedItem::cardholderId).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar",
                    items.stream().map(item -> item.dataClass().name()).toArray()));
            return statement;
        });
    }
}
