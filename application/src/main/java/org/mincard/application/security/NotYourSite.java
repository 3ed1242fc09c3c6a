package org.mincard.application.security;

import org.mincard.application.web.ApiProblems;
import org.mincard.application.web.ProblemException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The request names a site the actor does not work at. The site id came from the caller, so naming it leaks nothing. */
public final class NotYourSite extends ProblemException {

    static final URI TYPE = URI.create("urn:mincard:problem:not-your-site");

    NotYourSite() {
        super(Kind.NOT_PERMITTED, TYPE, "Not your site", "You do not work at the site given in 'siteId'.",
                Map.of("errors", List.of(new ApiProblems.FieldProblem("siteId", "not one of your sites"))));
    }
}
