package org.mincard.application.security;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ActorMetadataTest {

    private static final UUID SITE = UUID.fromString("00000000-0000-4000-8000-0000000000aa");

    private final ActorMetadataInterceptor interceptor = new ActorMetadataInterceptor(new CurrentActor());

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    private static void authenticate(Actor actor) {
        DemoUserDetails user = new DemoUserDetails("clerk-x", "{noop}x", actor);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private CommandMessage<?> dispatch(CommandMessage<?> command) {
        return interceptor.handle(List.of(command)).apply(0, command);
    }

    @Test
    void addsActorIdRoleAndSites_whenCallerIsAuthenticated() {
        authenticate(Actors.of("user-7", Role.CLERK, Set.of(SITE), false));

        CommandMessage<?> sent = dispatch(GenericCommandMessage.asCommandMessage("payload"));

        assertThat(sent.getMetaData())
                .containsEntry("actorId", "user-7")
                .containsEntry("actorRole", "CLERK")
                .containsEntry("actorSites", SITE.toString());
    }

    @Test
    void overwritesActorKeys_whenCallerSuppliedThem() {
        authenticate(Actors.of("user-7", Role.CLERK, Set.of(SITE), false));
        CommandMessage<?> forged = GenericCommandMessage.<Object>asCommandMessage("payload")
                .withMetaData(MetaData.with("actorId", "someone-else").and("actorRole", "ADMIN"));

        CommandMessage<?> sent = dispatch(forged);

        assertThat(sent.getMetaData()).containsEntry("actorId", "user-7").containsEntry("actorRole", "CLERK");
    }

    @Test
    void marksAllSites_whenActorIsCityWide() {
        authenticate(Actors.of("user-8", Role.AUDITOR, Set.of(), false));

        CommandMessage<?> sent = dispatch(GenericCommandMessage.asCommandMessage("payload"));

        assertThat(sent.getMetaData()).containsEntry("actorSites", ActorMetadataInterceptor.ALL_SITES);
    }

    @Test
    void leavesCommandAsIs_whenNoCallerIsAuthenticated() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("payload");

        assertThat(dispatch(command)).isSameAs(command);
    }
}
