package org.mincard.application.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real OpenID provider in the test JVM: Spring Authorization Server on its own port, with discovery, a JWK set and
 * the client-credentials flow, issuing RFC 9068 access tokens ({@code typ: at+jwt}) for mincard's audience. Each
 * client stands for one kind of caller; its groups come out in the {@code groups} claim, like a city's directory.
 */
final class OpenIdProvider implements AutoCloseable {

    static final String AUDIENCE = "mincard-api";
    static final String SECRET = "provider-test-secret";

    /** Client id, its groups, its sites, and its access-token lifetime. */
    record Client(String clientId, List<String> groups, List<String> sites, Duration lifetime) {
    }

    static final Client CLERK = new Client("intake-desk", List.of("mincard-clerk", "staff"),
            List.of(DemoUsers.SITE_A.toString()), Duration.ofMinutes(5));
    static final Client SUPERVISOR = new Client("site-supervisor", List.of("mincard-supervisor"),
            List.of("*"), Duration.ofMinutes(5));
    /** An administrator of another city application: a group called "admin", nothing of mincard. */
    static final Client FOREIGN_ADMIN = new Client("parking-permits-admin", List.of("admin"), List.of(),
            Duration.ofMinutes(5));
    static final Client LONG_LIVED = new Client("batch-export", List.of("mincard-clerk"),
            List.of(DemoUsers.SITE_A.toString()), Duration.ofDays(3650));
    private static final List<Client> CLIENTS = List.of(CLERK, SUPERVISOR, FOREIGN_ADMIN, LONG_LIVED);

    private final int port;
    private ConfigurableApplicationContext context;

    OpenIdProvider(int port) {
        this.port = port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return "http://localhost:" + port;
    }

    boolean running() {
        return context != null && context.isActive();
    }

    synchronized void start() {
        if (running()) {
            return;
        }
        Map<String, Object> properties = new HashMap<>(Map.of(
                "server.port", Integer.toString(port),
                // Not mincard: none of its configuration files, no embedded database, no demo users.
                "spring.config.name", "openid-provider",
                "mincard.embedded-postgres.enabled", "false",
                "mincard.security.mode", "jwt",
                "spring.main.banner-mode", "off"));
        context = new SpringApplicationBuilder(Server.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties)
                .run();
    }

    /** An access token from the token endpoint, by the client-credentials grant. */
    String token(Client client) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(client.clientId(), secret(client));
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", "mincard");
        Map<?, ?> answer = new RestTemplate().postForObject(issuer() + "/oauth2/token",
                new HttpEntity<>(form, headers), Map.class);
        return (String) answer.get("access_token");
    }

    /** The provider insists on one secret per client. */
    private static String secret(Client client) {
        return SECRET + "-" + client.clientId();
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** Deliberately not a {@code @Configuration}: component scans of mincard's own tests must not pick it up. */
    @EnableWebSecurity
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, JacksonAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class})
    static class Server {

        @Bean
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, configurer -> configurer.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
            return http.build();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(CLIENTS.stream().map(client -> RegisteredClient
                    .withId(UUID.randomUUID().toString())
                    .clientId(client.clientId())
                    .clientSecret("{noop}" + secret(client))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("mincard")
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(client.lifetime()).build())
                    .build()).toList());
        }

        /** RFC 9068: access tokens typed {@code at+jwt}, for mincard's audience, with groups and sites. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> accessTokens() {
            return context -> {
                if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    return;
                }
                Client client = CLIENTS.stream()
                        .filter(c -> c.clientId().equals(context.getRegisteredClient().getClientId()))
                        .findFirst().orElseThrow();
                context.getJwsHeader().type("at+jwt");
                context.getClaims().audience(List.of(AUDIENCE))
                        .claim("client_id", client.clientId())
                        .claim("groups", client.groups())
                        .claim("sites", client.sites());
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                        .privateKey((RSAPrivateKey) pair.getPrivate())
                        .keyID(UUID.randomUUID().toString())
                        .build();
                return new ImmutableJWKSet<>(new JWKSet(key));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Bean
        JwtDecoder providerJwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
