package org.mincard.application.vault;

import org.mincard.domain.shared.Actor;

/** The actor of the current request, for the gate and the access log. */
public interface ActorProvider {

    /** The authenticated actor; fails if the request is not authenticated. */
    Actor currentActor();
}
