package org.mincard.application.security;

import org.junit.jupiter.api.Test;
import org.mincard.domain.shared.Actor;
import org.mincard.domain.shared.Role;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenActorsTest {

    private static final UUID SITE = UUID.fromString("5a5a5a5a-0000-4000-8000-000000000001");

    /** Most tests here are about reading claims, so bare role names are switched on unless a test says otherwise. */
    private static TokenActors actors(Map<String, String> properties) {
        Map<String, String> withNames = new HashMap<>(Map.of("mincard.security.jwt.accept-role-names", "true"));
        withNames.putAll(properties);
        return strictActors(withNames);
    }

    private static TokenActors strictActors(Map<String, String> properties) {
        SecuritySettings settings = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mincard.security", SecuritySettings.class);
        return new TokenActors(settings.jwt());
    }

    @Test
    void rejects_whenBareRoleNameIsNotInTheRoleMapByDefault() {
        TokenActors actors = strictActors(Map.of("mincard.security.jwt.role-values[mincard-clerk]", "CLERK",
                "mincard.security.jwt.role-claim", "groups"));

        assertThatThrownBy(() -> actors.actor(token(Map.of("groups", List.of("admin")))))
                .as("another application's admin group").isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> actors.actor(token(Map.of("groups", List.of("ADMIN")))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(actors.actor(token(Map.of("groups", List.of("admin", "mincard-clerk"),
                "sites", SITE.toString()))).role()).isEqualTo(Role.CLERK);
    }

    @Test
    void readsRoleMapFromJson_whenGivenAsOneEnvironmentVariable() {
        TokenActors actors = strictActors(Map.of("mincard.security.jwt.role-values-json",
                "{\"Mincard.Records Officer\": \"RECORDS_OFFICER\", \"CN=auditors,OU=Groups\": \"AUDITOR\"}"));

        assertThat(actors.actor(token(Map.of("roles", List.of("CN=auditors,OU=Groups")))).role())
                .isEqualTo(Role.AUDITOR);
        assertThat(actors.actor(token(Map.of("roles", List.of("Mincard.Records Officer")))).role())
                .isEqualTo(Role.RECORDS_OFFICER);
    }

    @Test
    void refusesSettings_whenRoleMapJsonIsNotAnObjectOfRoles() {
        assertThatThrownBy(() -> strictActors(Map.of("mincard.security.jwt.role-values-json", "{\"x\": \"KING\"}")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageNotContaining("KING");
    }

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("3f1c-opaque");
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void readsUserRoleAndSites_whenDefaultClaimsAreUsed() {
        Actor actor = actors(Map.of()).actor(token(Map.of("roles", List.of("clerk"), "sites", List.of(SITE.toString()))));

        assertThat(actor).isEqualTo(new Actor("3f1c-opaque", Role.CLERK, Set.of(SITE), false));
    }

    @Test
    void readsNestedClaimAndMappedValue_whenConfiguredLikeKeycloak() {
        TokenActors actors = actors(Map.of(
                "mincard.security.jwt.role-claim", "realm_access.roles",
                "mincard.security.jwt.role-values[mincard-supervisor]", "SUPERVISOR"));

        Actor actor = actors.actor(token(Map.of(
                "realm_access", Map.of("roles", List.of("offline_access", "mincard-supervisor")),
                "sites", List.of("*"))));

        assertThat(actor.role()).isEqualTo(Role.SUPERVISOR);
        assertThat(actor.allSites()).isTrue();
    }

    @Test
    void readsSpaceSeparatedString_whenRoleClaimIsNotAList() {
        Actor actor = actors(Map.of()).actor(token(Map.of("roles", "openid RECORDS-OFFICER")));

        assertThat(actor.role()).isEqualTo(Role.RECORDS_OFFICER);
        assertThat(actor.allSites()).as("records officers act city-wide").isTrue();
    }

    @Test
    void rejects_whenRoleClaimIsMissing() {
        assertThatThrownBy(() -> actors(Map.of()).actor(token(Map.of("sites", List.of(SITE.toString())))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void rejects_whenTwoRolesAreNamed() {
        assertThatThrownBy(() -> actors(Map.of()).actor(token(Map.of("roles", List.of("CLERK", "AUDITOR"))))
        ).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void rejects_whenClerkIsGivenAllSites() {
        assertThatThrownBy(() -> actors(Map.of()).actor(token(Map.of("roles", "CLERK", "sites", "*"))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void rejectsWithoutEchoingTheValue_whenSiteIsNotAnId() {
        assertThatThrownBy(() -> actors(Map.of()).actor(token(Map.of("roles", "CLERK", "sites", "Main Street"))))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageNotContaining("Main Street");
    }

    @Test
    void readsUserIdFromConfiguredClaim_whenProviderUsesAnotherClaim() {
        Actor actor = actors(Map.of("mincard.security.jwt.user-id-claim", "oid"))
                .actor(token(Map.of("oid", "object-id-1", "roles", "ADMIN")));

        assertThat(actor.userId()).isEqualTo("object-id-1");
    }

    @Test
    void rejects_whenTokenNamesTheSystemRole() {
        assertThatThrownBy(() -> actors(Map.of()).actor(token(Map.of("roles", "system"))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void rejects_whenUserIdTakesTheSystemActorsPrefix() {
        assertThatThrownBy(() -> actors(Map.of()).actor(token(Map.of("sub", "system:retention-sweep",
                "roles", "ADMIN")))).isInstanceOf(InvalidBearerTokenException.class);
    }
}
