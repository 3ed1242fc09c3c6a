package org.mincard.application.retention.holds;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.mincard.application.retention.holds.LegalHoldViews.HoldView;
import org.mincard.application.web.NotFound;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.retention.AuthorityReference;
import org.mincard.domain.retention.HoldReason;
import org.mincard.domain.retention.HoldScope;
import org.mincard.domain.retention.PlaceLegalHold;
import org.mincard.domain.retention.ReleaseLegalHold;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Places and releases legal holds for the API and the console alike: the same rules (a coded reason, an authority
 * reference, a well-formed scope), the same commands, so the same events and hash-chained hold log. Refusals are 400
 * problems naming the field and rule, never the value.
 */
@Component
public class LegalHolds {

    private final CommandGateway commands;
    private final LegalHoldViews holds;
    private final Clock clock;

    LegalHolds(CommandGateway commands, LegalHoldViews holds, Clock clock) {
        this.commands = commands;
        this.holds = holds;
        this.clock = clock;
    }

    /** What a new hold covers and why: case ids, subject ids, or a site and a date range. */
    public record Placement(List<UUID> caseIds, List<UUID> subjectIds, UUID siteId, LocalDate from, LocalDate to,
                            HoldReason reason, String authority) {
    }

    public HoldView place(Placement placement) {
        if (placement.reason() == null || !placement.reason().selectable()) {
            throw RequestProblems.invalid("reason", "must be one of " + Arrays.stream(HoldReason.values())
                    .filter(HoldReason::selectable).map(Enum::name).toList());
        }
        requireReference(placement.authority());
        HoldScope scope;
        try {
            scope = new HoldScope(placement.caseIds(), placement.subjectIds(), placement.siteId(), placement.from(),
                    placement.to());
        } catch (IllegalArgumentException e) {
            throw RequestProblems.invalid("scope", "must name case ids, subject ids, or a site with from <= to");
        }
        UUID holdId = UUID.randomUUID();
        commands.sendAndWait(new PlaceLegalHold(holdId, scope, placement.reason(), placement.authority(),
                clock.instant()));
        return holds.find(holdId).orElseThrow();
    }

    public HoldView release(UUID holdId, String authority) {
        requireReference(authority);
        if (!holds.exists(holdId)) {
            throw new NotFound("Legal hold");
        }
        commands.sendAndWait(new ReleaseLegalHold(holdId, authority, clock.instant()));
        return holds.find(holdId).orElseThrow();
    }

    private static void requireReference(String authority) {
        if (!AuthorityReference.isWellFormed(authority)) {
            throw RequestProblems.invalid("authority", "must be a reference such as a docket, order or certificate"
                    + " number (3-64 letters, digits or . / : # - _, with a digit, no spaces), never free text");
        }
    }
}
