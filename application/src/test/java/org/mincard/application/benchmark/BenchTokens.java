package org.mincard.application.benchmark;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * How the benchmark's HTTP clients authenticate, as {@code Authorization} header values. {@code jwt} (the default):
 * the benchmark's own identity provider, a key pair made for this run and RS256 tokens, as a city's provider would
 * issue them. {@code basic}: demo users over HTTP Basic, one clerk per site and a city-wide supervisor; each request
 * then costs a bcrypt check (tens of milliseconds of CPU), so the command figures mostly measure bcrypt.
 */
final class BenchTokens {

    static final String ISSUER = "https://idp.bench.invalid/mincard";

    private final KeyPair keys;
    private final Path publicKeyPem;
    private final boolean basic;
    private final List<UUID> sites;
    private final String password = UUID.randomUUID().toString();

    private static final String AUDIENCE = "mincard-bench";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    BenchTokens(Path directory, String mode, List<UUID> sites) {
        if (!mode.equals("jwt") && !mode.equals("basic")) {
            throw new IllegalArgumentException("bench.http-auth must be jwt or basic");
        }
        this.basic = mode.equals("basic");
        this.sites = List.copyOf(sites);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            Files.createDirectories(directory);
            publicKeyPem = directory.resolve("bench-idp-public.pem");
            Files.writeString(publicKeyPem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot create the benchmark's token keys", e);
        }
    }

    List<String> springArguments() {
        if (basic) {
            List<String> arguments = new ArrayList<>(List.of("--mincard.security.mode=demo",
                    "--mincard.security.demo.password=" + password,
                    "--mincard.security.demo.allow-with-external-database=true",
                    "--mincard.security.demo.users.bench-supervisor.password=" + password,
                    "--mincard.security.demo.users.bench-supervisor.role=SUPERVISOR",
                    "--mincard.security.demo.users.bench-supervisor.all-sites=true"));
            for (int i = 0; i < sites.size(); i++) {
                arguments.add("--mincard.security.demo.users.bench-clerk-" + i + ".password=" + password);
                arguments.add("--mincard.security.demo.users.bench-clerk-" + i + ".role=CLERK");
                arguments.add("--mincard.security.demo.users.bench-clerk-" + i + ".sites=" + sites.get(i));
            }
            return arguments;
        }
        return List.of("--mincard.security.mode=jwt",
                "--mincard.security.jwt.issuer-uri=" + ISSUER,
                "--mincard.security.jwt.public-key-location=" + publicKeyPem.toUri(),
                "--mincard.security.jwt.audiences=" + AUDIENCE,
                "--mincard.security.jwt.accept-role-names=true",
                // One token per client for the whole run; a long run must not see its tokens expire midway.
                "--mincard.security.jwt.max-token-lifetime=" + TOKEN_LIFETIME);
    }

    String clerk(UUID site) {
        if (basic) {
            return basic("bench-clerk-" + sites.indexOf(site));
        }
        return "Bearer " + token("bench-clerk-" + site, "CLERK", List.of(site.toString()));
    }

    String supervisor() {
        if (basic) {
            return basic("bench-supervisor");
        }
        return "Bearer " + token("bench-supervisor", "SUPERVISOR", List.of("*"));
    }

    private String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    private String token(String name, String role, List<String> sites) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                // Opaque like a provider's subject; the name only makes it stable within a run.
                .subject(UUID.nameUUIDFromBytes(name.getBytes()).toString())
                .claim("roles", List.of(role))
                .claim("sites", sites)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .audience(AUDIENCE)
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
