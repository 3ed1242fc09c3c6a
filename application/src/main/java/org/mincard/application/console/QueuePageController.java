package org.mincard.application.console;

import jakarta.servlet.http.HttpServletResponse;
import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.security.CurrentActor;
import org.mincard.application.security.SiteScope;
import org.mincard.application.vault.AccessPurpose;
import org.mincard.application.web.ProblemException;
import org.mincard.application.workqueue.QueueReader;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.CaseType;
import org.mincard.domain.shared.Role;
import org.mincard.projections.workqueue.WorkQueue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One queue at one's sites: filters, keyset paging, search by name, card number or case id. Names appear only after
 * the clerk picks a purpose, and each name shown is an access record (the same reader as the API's queue page);
 * searches by name or card number go to the search log without their terms.
 */
@Controller
class QueuePageController {

    static final int PAGE = 25;

    private final QueueReader reader;
    private final CurrentActor currentActor;
    private final SiteScope siteScope;
    private final SiteDirectory sites;

    QueuePageController(QueueReader reader, CurrentActor currentActor, SiteScope siteScope, SiteDirectory sites) {
        this.reader = reader;
        this.currentActor = currentActor;
        this.siteScope = siteScope;
        this.sites = sites;
    }

    @GetMapping("/console/queues/{queue}")
    String queue(@PathVariable String queue, @RequestParam(required = false) UUID site,
                 @RequestParam(required = false) String assignee, @RequestParam(required = false) CaseType type,
                 @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String q,
                 @RequestParam(required = false) String after, @RequestParam(required = false) AccessPurpose purpose,
                 Model model, HttpServletResponse response) {
        Actor actor = currentActor.get();
        Optional<WorkQueue> workQueue = WorkQueue.fromPath(queue);
        if (workQueue.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "console/not-found";
        }
        Set<AccessPurpose> purposes = actor.role() == Role.SUPERVISOR
                ? EnumSet.of(AccessPurpose.CASE_WORK, AccessPurpose.SUPERVISOR_REVIEW) : EnumSet.of(AccessPurpose.CASE_WORK);
        String assigneeFilter = assignee == null || assignee.isBlank() ? null : assignee;
        String search = q == null || q.isBlank() ? null : q;
        QueueReader.Page page;
        try {
            page = reader.page(actor, workQueue.get(), site, assigneeFilter, type, overdue, search, PAGE,
                    after == null || after.isBlank() ? null : after,
                    Optional.ofNullable(purpose).filter(purposes::contains));
        } catch (ProblemException refused) {
            model.addAttribute("problem", "The filter was refused: " + refused.getMessage());
            page = new QueueReader.Page(workQueue.get().path(), null, List.of(), null);
        }
        model.addAttribute("queue", workQueue.get());
        model.addAttribute("queues", WorkQueue.values());
        model.addAttribute("page", page);
        model.addAttribute("sites", siteScope.visibleSites(actor).map(visible -> sites.all().stream()
                .filter(s -> visible.contains(s.siteId())).toList()).orElse(sites.all()));
        model.addAttribute("types", CaseType.values());
        model.addAttribute("purposes", purposes);
        model.addAttribute("site", site);
        model.addAttribute("assignee", assigneeFilter);
        model.addAttribute("type", type);
        model.addAttribute("overdue", overdue);
        model.addAttribute("q", search);
        model.addAttribute("purpose", purpose);
        return "console/queue";
    }
}
