package org.mincard.application.workqueue;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.mincard.application.directory.SiteDirectory;
import org.mincard.application.security.SiteScope;
import org.mincard.application.web.RequestProblems;
import org.mincard.domain.shared.Actor;
import org.mincard.projections.workqueue.Dashboard;
import org.mincard.projections.workqueue.GetDashboard;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The supervisor's figures per day and site, for the API and the console alike: one site or every site the actor
 * sees, days counted in each site's own zone (ADR 0027), "today" being the latest date any of those sites has reached.
 */
@Component
public class Dashboards {

    public static final long MAX_DAYS = 366;
    public static final int DEFAULT_DAYS = 7;

    private final QueryGateway queries;
    private final SiteScope siteScope;
    private final SiteDirectory sites;
    private final Clock clock;

    Dashboards(QueryGateway queries, SiteScope siteScope, SiteDirectory sites, Clock clock) {
        this.queries = queries;
        this.siteScope = siteScope;
        this.sites = sites;
        this.clock = clock;
    }

    /** The sites a read covers: the one asked for (if the actor may see it), else all the actor sees (null: all). */
    public Set<UUID> sitesFor(Actor actor, UUID site) {
        if (site != null) {
            siteScope.requireVisible(actor, site, "Site " + site);
            return Set.of(site);
        }
        return siteScope.visibleSites(actor).orElse(null);
    }

    /** Today at the given sites (null: every configured site): the latest local date among them. */
    public LocalDate today(Set<UUID> siteIds) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (siteIds != null) {
            ids.addAll(siteIds);
        } else {
            sites.all().forEach(known -> ids.add(known.siteId()));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), sites.defaultZone());
        for (UUID id : ids) {
            LocalDate local = sites.dayAt(id, clock.instant());
            if (local.isAfter(today)) {
                today = local;
            }
        }
        return today;
    }

    /** The figures from {@code from} to {@code to} (defaults: the last {@value #DEFAULT_DAYS} days up to today). */
    public Dashboard read(Actor actor, UUID site, LocalDate from, LocalDate to) {
        Set<UUID> covered = sitesFor(actor, site);
        LocalDate end = to != null ? to : today(covered);
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (end.isBefore(start)) {
            throw RequestProblems.invalid("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw RequestProblems.invalid("from", "the range must be at most " + MAX_DAYS + " days");
        }
        return queries.query(new GetDashboard(covered, start, end), ResponseTypes.instanceOf(Dashboard.class)).join();
    }
}
