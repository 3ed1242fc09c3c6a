package org.mincard.application.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.mincard.application.directory.StaffDirectory;
import org.mincard.domain.shared.Actor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The embedded default: built-in demo users over HTTP Basic. Never for real data; see {@link DemoUsersGuard}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DemoUsersGuard.MODE, havingValue = "demo", matchIfMissing = true)
class DemoAuthenticationConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService demoUsers(SecuritySettings settings, PasswordEncoder encoder,
            ConfigurableEnvironment environment, StaffDirectory staff) {
        DemoUsersGuard.check(environment);
        SecuritySettings.Demo demo = settings.demo();
        String password = DemoPassword.resolve(demo.password(), demo.passwordFile());
        DemoPassword.requireStrong(password, demo.minPasswordLength(), "mincard.security.demo.password");
        String hash = encoder.encode(password);
        Map<String, DemoUserDetails> users = new LinkedHashMap<>();
        DemoUsers.builtIn().forEach((name, actor) -> users.put(name, new DemoUserDetails(name, hash, actor)));
        demo.users().forEach((name, user) -> {
            DemoPassword.requireStrong(user.password(), demo.minPasswordLength(),
                    "mincard.security.demo.users." + name + ".password");
            users.put(name, new DemoUserDetails(name, encoder.encode(user.password()), extraActor(name, user)));
        });
        Map<String, DemoUserDetails> byName = Map.copyOf(users);
        // The staff directory shows the demo users by their login names, like a provider's "name" claim would.
        users.forEach((name, user) -> staff.remember(user.actor().userId(), DemoUsers.displayName(name),
                user.actor().role(), user.actor().siteIds()));
        return username -> {
            DemoUserDetails user = byName.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("unknown demo user");
            }
            // A fresh copy each time: Spring erases credentials on what it is given after authenticating.
            return new DemoUserDetails(user.username(), user.passwordHash(), user.actor());
        };
    }

    private static Actor extraActor(String name, SecuritySettings.Demo.User user) {
        // The actor id must be opaque like an identity provider's; the configured name is only a login.
        String userId = UUID.nameUUIDFromBytes(("mincard-demo-user:" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
        return Actors.of(userId, user.role(), user.sites(), user.allSites());
    }

    @Bean
    LoginThrottle loginThrottle(SecuritySettings settings, MeterRegistry registry) {
        return new LoginThrottle(settings.demo().lockout(), registry, Clock.systemUTC());
    }

    @Bean
    AuthenticationMechanism demoAuthentication(UserDetailsService demoUsers, PasswordEncoder encoder,
                                               LoginThrottle throttle, RefusalMetrics refusals) {
        SecurityProblems problems = new SecurityProblems("Basic realm=\"mincard\"", refusals);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(demoUsers);
        passwords.setPasswordEncoder(encoder);
        // Its own manager without a parent: no other provider may answer for a name the throttle has locked.
        ProviderManager logins = new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle));
        return new AuthenticationMechanism() {
            @Override
            public void configure(HttpSecurity http) throws Exception {
                http.authenticationManager(logins)
                        .httpBasic(basic -> basic.authenticationEntryPoint(problems));
            }

            @Override
            public void configureConsole(HttpSecurity http) throws Exception {
                http.authenticationManager(logins)
                        .formLogin(form -> form
                                .loginPage(ConsoleSecurityConfig.LOGIN_PAGE)
                                .loginProcessingUrl(ConsoleSecurityConfig.LOGIN_PAGE)
                                .defaultSuccessUrl(ConsoleSecurityConfig.HOME, true)
                                .failureHandler(ConsoleSecurityConfig.loginFailure())
                                .permitAll());
            }

            @Override
            public SecurityProblems problems() {
                return problems;
            }
        };
    }
}
