package org.mincard.application.console;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.security.SiteScope;
import org.mincard.domain.shared.Actor;
import org.mincard.projections.workqueue.ListMyWork;
import org.mincard.projections.workqueue.MyWork;
import org.mincard.projections.workqueue.QueueItem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A clerk's day on one screen: the cases they hold in every queue, then the unassigned cases of their sites, most
 * urgent and oldest first, overdue marked; one read of the work queue ({@link ListMyWork}). No personal data: ids,
 * states, sites and ages only.
 */
@Controller
class MyWorkController {

    static final int MINE_PER_QUEUE = 50;
    /** The unassigned cases shown: the most urgent and oldest over every queue (a clerk claims from the top). */
    static final int UNASSIGNED_SHOWN = 25;

    private final QueryGateway queries;
    private final CurrentActor currentActor;
    private final SiteScope siteScope;
    private final Clock clock;

    MyWorkController(QueryGateway queries, CurrentActor currentActor, SiteScope siteScope, Clock clock) {
        this.queries = queries;
        this.currentActor = currentActor;
        this.siteScope = siteScope;
        this.clock = clock;
    }

    @GetMapping("/console/my-work")
    String myWork(Model model) {
        Actor actor = currentActor.get();
        Instant now = clock.instant();
        Set<UUID> sites = siteScope.visibleSites(actor).orElse(null);
        MyWork work = queries.query(new ListMyWork(sites, actor.userId(), MINE_PER_QUEUE, UNASSIGNED_SHOWN, now),
                ResponseTypes.instanceOf(MyWork.class)).join();
        List<QueueItem> mine = new ArrayList<>(work.mine());
        List<QueueItem> unassigned = new ArrayList<>(work.unassigned());
        Comparator<QueueItem> urgentFirst = Comparator.comparing((QueueItem item) -> item.priority().ordinal())
                .reversed().thenComparing(QueueItem::enteredAt);
        mine.sort(urgentFirst);
        unassigned.sort(urgentFirst);
        model.addAttribute("mine", mine);
        model.addAttribute("unassigned", unassigned.subList(0, Math.min(UNASSIGNED_SHOWN, unassigned.size())));
        model.addAttribute("moreUnassigned", unassigned.size() > UNASSIGNED_SHOWN);
        model.addAttribute("overdueCount", mine.stream().filter(QueueItem::overdue).count());
        // Each claim and release form carries a key of its own, so a double click acts once (FormRetries, ADR 0018).
        model.addAttribute("formKey", UUID.randomUUID().toString());
        return "console/my-work";
    }
}
