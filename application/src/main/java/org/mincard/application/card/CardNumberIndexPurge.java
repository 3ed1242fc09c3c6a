package org.mincard.application.card;

import org.mincard.application.retention.PurgeListener;
import org.mincard.application.retention.PurgedItem;
import org.mincard.domain.personaldata.DataClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Erases the card-number blind index of cards whose card record was purged ({@code lookup.card.number_index}).
 * {@code lookup.issued_card_number} keeps the index so a number is never issued twice; it names no card or holder.
 */
@Component
class CardNumberIndexPurge implements PurgeListener {

    private final JdbcTemplate jdbc;

    CardNumberIndexPurge(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void forget(List<PurgedItem> items) {
        Object[] holders = items.stream().filter(item -> item.dataClass() == DataClass.CARD_RECORD)
                .map(PurgedItem::cardholderId).toArray();
        if (holders.length == 0) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    UPDATE lookup.card SET number_index = NULL
                    WHERE cardholder_id = ANY ((SELECT ?::uuid[])::uuid[]) AND number_index IS NOT NULL""");
            statement.setArray(1, connection.createArrayOf("uuid", holders));
            return statement;
        });
    }
}
