package org.mincard.application.security;

import org.mincard.application.web.NotFound;
import org.mincard.domain.shared.Actor;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Site scoping: clerks and site supervisors see and act on their own sites' cases only. Roles whose work is
 * city-wide (records officer, auditor, admin) are not site-scoped; what they may call at all is decided by
 * {@link AuthorizationRules}.
 *
 * <p>A case at another site answers 404 exactly like a case that does not exist, so that a caller cannot learn that
 * a person has a case at some other site. Call {@link #requireVisible} after loading the case and before anything
 * else happens with it, with the same {@code what} the not-found answer for a missing case uses.
 */
@Component
public class SiteScope {

    /** Whether the actor may see and act on cases of this site. */
    public boolean isVisible(Actor actor, UUID siteId) {
        return actor.canSee(siteId);
    }

    /**
     * Throws the same 404 a missing resource answers when the actor may not see this site's cases.
     *
     * @param what names the resource in the answer without personal data, e.g. {@code "Case " + caseId}
     */
    public void requireVisible(Actor actor, UUID siteId, String what) {
        if (!isVisible(actor, siteId)) {
            throw new NotFound(what);
        }
    }

    /**
     * For a request that names a site itself (e.g. a case submitted at site X): 403 when the actor does not work
     * there. The site id comes from the caller, so answering it leaks nothing.
     */
    public void requireWorksAt(Actor actor, UUID siteId) {
        if (!isVisible(actor, siteId)) {
            throw new NotYourSite();
        }
    }

    /** The sites whose cases a query may return for this actor; empty means every site. */
    public Optional<Set<UUID>> visibleSites(Actor actor) {
        return actor.isSiteScoped() && !actor.allSites() ? Optional.of(actor.siteIds()) : Optional.empty();
    }
}
