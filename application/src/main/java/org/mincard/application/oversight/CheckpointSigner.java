package org.mincard.application.oversight;

import org.mincard.application.config.KeyCustodyGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs checkpoints with Ed25519 (the JDK's own provider). The private key (PKCS#8 PEM) comes from
 * {@code mincard.oversight.checkpoints.signing-key.value} or {@code .file}; the public key is derived from it. Only the
 * embedded demo generates a pair, once, owner-only, into its demo key folder (see KeyCustodyGuard).
 */
@Component
class CheckpointSigner {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSigner.class);
    private static final String PRIVATE_FILE = "checkpoint-signing.key.pem";
    private static final String PUBLIC_FILE = "checkpoint-signing.pub.pem";

    private static final String SETTING = "mincard.oversight.checkpoints.signing-key";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    CheckpointSigner(OversightProperties properties,
                     @Value("${" + KeyCustodyGuard.GENERATE + ":false}") boolean generate) {
        OversightProperties.Checkpoints settings = properties.checkpoints();
        try {
            KeyPair pair;
            if (settings.signingKey().isSet()) {
                PrivateKey configured = KeyFactory.getInstance("Ed25519").generatePrivate(
                        new PKCS8EncodedKeySpec(der(settings.signingKey().read(SETTING))));
                pair = new KeyPair(derivePublic(configured), configured);
            } else if (generate) {
                pair = generatedPair(Path.of(settings.generatedKeyDirectory()));
            } else {
                throw new IllegalStateException(SETTING + " is not configured (set " + SETTING + ".value or " + SETTING
                        + ".file); only the embedded demo generates keys");
            }
            this.privateKey = pair.getPrivate();
            this.publicKey = pair.getPublic();
            byte[] digest = ChainHash.sha256().digest(publicKey.getEncoded());
            this.keyId = HexFormat.of().formatHex(digest, 0, 8);
            byte[] probe = sign("probe".getBytes(StandardCharsets.UTF_8));
            if (!verify("probe".getBytes(StandardCharsets.UTF_8), probe)) {
                throw new IllegalStateException("the checkpoint signing key pair does not match");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint signing key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint signing key is not an Ed25519 key in PEM", e);
        }
    }

    String keyId() {
        return keyId;
    }

    byte[] sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    boolean verify(byte[] payload, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(payload);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static KeyPair generatedPair(Path directory) throws IOException, GeneralSecurityException {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        Path publicFile = directory.resolve(PUBLIC_FILE);
        if (!Files.exists(privateFile)) {
            Files.createDirectories(directory);
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            writeOwnerOnly(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            LOG.debug("Generated the demo checkpoint signing key in {}", directory.toAbsolutePath());
            return pair;
        }
        return new KeyPair(readPublic(publicFile), readPrivate(privateFile));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }

    private static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(file)));
    }

    private static PublicKey readPublic(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(file)));
    }

    private static byte[] der(Path file) throws IOException {
        return der(Files.readString(file, StandardCharsets.US_ASCII));
    }

    private static byte[] der(String text) {
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
    }

    /** Ed25519 derives its public key from the 32-byte private seed: regenerate the pair from that seed. */
    private static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("private key bytes unavailable"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        return generator.generateKeyPair().getPublic();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
