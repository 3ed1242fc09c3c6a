package org.mincard.domain.cardholder;

import java.util.UUID;

/** A request to change a cardholder's cards; every command names the cardholder it targets. */
public sealed interface CardholderCommand permits ProduceCard, RevokeCard, ReinstateCard, ReportCardLost {

    UUID cardholderId();
}
