package org.mincard.application.security;

import org.mincard.application.directory.StaffDirectory;
import org.mincard.domain.shared.Actor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.List;

/**
 * Console sign-in with the city's OpenID provider: authorization code with PKCE (also for confidential clients),
 * and the ID token's claims name the actor by the same rules as an access token ({@link TokenActors}). The display
 * name ({@code name} claim) goes into the staff directory only; the actor keeps the opaque user id.
 */
final class ConsoleOpenIdLogin {

    static final String AUTHORIZATION_BASE = "/console/oauth2/authorization";
    static final String REDIRECT_BASE = "/console/login/oauth2/code/*";

    private ConsoleOpenIdLogin() {
    }

    static void configure(HttpSecurity http, ClientRegistrationRepository clients, TokenActors actors,
                          StaffDirectory staff) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver requests =
                new DefaultOAuth2AuthorizationRequestResolver(clients, AUTHORIZATION_BASE);
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(login -> login
                .loginPage(ConsoleSecurityConfig.LOGIN_PAGE)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                .redirectionEndpoint(redirect -> redirect.baseUri(REDIRECT_BASE))
                .userInfoEndpoint(users -> users.oidcUserService(users(actors, staff)))
                .defaultSuccessUrl(ConsoleSecurityConfig.HOME, true)
                .failureUrl(ConsoleSecurityConfig.LOGIN_PAGE + "?error"));
    }

    private static OAuth2UserService<OidcUserRequest, OidcUser> users(TokenActors actors, StaffDirectory staff) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Actor actor;
            try {
                actor = actors.actor(user.getClaims());
            } catch (InvalidBearerTokenException notAnActor) {
                // Same rule as the API: an identity that names no mincard actor is not signed in (no claim echoed).
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user",
                        "The identity does not name a mincard role and sites", null));
            }
            staff.remember(actor.userId(), user.getFullName(), actor.role(), actor.siteIds());
            return new ActorOidcUser(user, actor);
        };
    }

    /** The signed-in person: the provider's OpenID user plus the mincard actor its claims name. */
    static final class ActorOidcUser extends DefaultOidcUser implements ActorBearing {

        private final transient Actor actor;

        ActorOidcUser(OidcUser user, Actor actor) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())), user.getIdToken(),
                    user.getUserInfo());
            this.actor = actor;
        }

        @Override
        public Actor actor() {
            return actor;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
