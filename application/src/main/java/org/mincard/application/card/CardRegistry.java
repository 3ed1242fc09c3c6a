package org.mincard.application.card;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.mincard.application.vault.BlindIndex;
import org.mincard.domain.cardholder.CardProduced;
import org.mincard.domain.cardholder.CardReinstated;
import org.mincard.domain.cardholder.CardReportedLost;
import org.mincard.domain.cardholder.CardRevoked;
import org.mincard.domain.cardholder.CardStatus;
import org.mincard.domain.cardholder.CardSuperseded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * Command-side lookup of cards by number. Runs as a subscribing processor, so it changes in the same transaction
 * as the card events it follows. Card numbers are known only by their blind index.
 */
@Component
@ProcessingGroup(CardRegistry.PROCESSING_GROUP)
public class CardRegistry {

    static final String PROCESSING_GROUP = "card-registry";
    private static final String NUMBER_DOMAIN = "card-number";

    private final JdbcTemplate jdbc;
    private final BlindIndex blindIndex;

    CardRegistry(JdbcTemplate jdbc, BlindIndex blindIndex) {
        this.jdbc = jdbc;
        this.blindIndex = blindIndex;
    }

    /**
     * Reserves a never-issued number; false when it was issued before (the caller draws another). A clash does not
     * fail the statement, so the caller's transaction stays usable for the next draw.
     */
    public boolean reserveNumber(String cardNumber) {
        return jdbc.update("INSERT INTO lookup.issued_card_number (number_index) VALUES (?) ON CONFLICT DO NOTHING",
                index(cardNumber)) == 1;
    }

    /** Links a produced card to its number; called in the transaction that produced the card. */
    public void assignNumber(UUID cardId, String cardNumber) {
        int updated = jdbc.update("UPDATE lookup.card SET number_index = ? WHERE card_id = ?",
                index(cardNumber), cardId);
        if (updated != 1) {
            throw new IllegalStateException("card " + cardId + " is not registered");
        }
    }

    public Optional<RegisteredCard> findByNumber(String cardNumber) {
        return jdbc.query("""
                        SELECT card_id, cardholder_id, site_id, status, issued_on, expires_on FROM lookup.card
                        WHERE number_index = ?
                        """,
                (rs, row) -> new RegisteredCard(rs.getObject("card_id", UUID.class),
                        rs.getObject("cardholder_id", UUID.class), rs.getObject("site_id", UUID.class),
                        CardStatus.valueOf(rs.getString("status")),
                        rs.getObject("issued_on", LocalDate.class), rs.getObject("expires_on", LocalDate.class)),
                index(cardNumber)).stream().findFirst();
    }

    @EventHandler
    void on(CardProduced event) {
        jdbc.update("""
                INSERT INTO lookup.card (card_id, cardholder_id, site_id, status, issued_on, expires_on)
                VALUES (?, ?, ?, 'ACTIVE', ?, ?) ON CONFLICT (card_id) DO NOTHING
                """, event.cardId(), event.cardholderId(), event.siteId(), event.issuedOn(), event.expiresOn());
    }

    @EventHandler
    void on(CardSuperseded event) {
        status(event.cardId(), CardStatus.SUPERSEDED);
    }

    @EventHandler
    void on(CardRevoked event) {
        status(event.cardId(), CardStatus.REVOKED);
    }

    @EventHandler
    void on(CardReinstated event) {
        status(event.cardId(), CardStatus.ACTIVE);
    }

    @EventHandler
    void on(CardReportedLost event) {
        status(event.cardId(), CardStatus.REPORTED_LOST);
    }

    private void status(UUID cardId, CardStatus status) {
        jdbc.update("UPDATE lookup.card SET status = ? WHERE card_id = ?", status.name(), cardId);
    }

    private byte[] index(String cardNumber) {
        return blindIndex.of(NUMBER_DOMAIN, cardNumber);
    }
}
