package org.mincard.application.security;

import org.mincard.domain.shared.Actor;

/** An authentication, or its principal, that knows the mincard actor it stands for. */
interface ActorBearing {

    Actor actor();
}
