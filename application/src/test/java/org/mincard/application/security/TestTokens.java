package org.mincard.application.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;

/** An identity provider in miniature: RSA keys made in the test, tokens signed with Nimbus. No network. */
final class TestTokens {

    static final String ISSUER = "https://idp.test.invalid/realms/mincard";
    static final String AUDIENCE = "mincard-api";

    final KeyPair keys = generate();
    final KeyPair otherKeys = generate();
    final Path publicKeyPem = writePublicKey(keys);

    /** A token valid for five minutes; {@code claims} adds to or overrides the defaults. */
    String token(String subject, Map<String, Object> extraClaims) {
        return token(keys, builder -> {
            builder.subject(subject);
            extraClaims.forEach(builder::claim);
        });
    }

    String token(KeyPair signingKeys, Consumer<JWTClaimsSet.Builder> claims) {
        return token(signingKeys, JOSEObjectType.JWT, claims);
    }

    /** {@code type} null: a token without {@code typ}. */
    String token(KeyPair signingKeys, JOSEObjectType type, Consumer<JWTClaimsSet.Builder> claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("user-1")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type).build(),
                builder.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) signingKeys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey(KeyPair keys) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("mincard-test-idp", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
