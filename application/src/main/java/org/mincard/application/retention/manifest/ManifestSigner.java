package org.mincard.application.retention.manifest;

import org.mincard.application.config.KeyCustodyGuard;
import org.mincard.application.retention.policy.RetentionProperties;
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
import java.util.Base64;

/**
 * Signs purge manifests with Ed25519. The key (PKCS#8 PEM) comes from {@code mincard.retention.signing.key.value} or
 * {@code .file}; only the embedded demo generates one, into its demo key folder, owner-only.
 */
@Component
public class ManifestSigner {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestSigner.class);

    private static final String SETTING = "mincard.retention.signing.key";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    ManifestSigner(RetentionProperties properties,
                   @Value("${" + KeyCustodyGuard.GENERATE + ":false}") boolean generate) {
        try {
            String pem;
            if (properties.signing().key().isSet()) {
                pem = properties.signing().key().read(SETTING);
            } else {
                Path file = properties.signing().generatedKeyFile();
                if (!generate || file == null) {
                    throw new IllegalStateException(SETTING + " is not configured (set " + SETTING + ".value or "
                            + SETTING + ".file); only the embedded demo generates keys");
                }
                if (!Files.exists(file)) {
                    generate(file);
                }
                pem = Files.readString(file, StandardCharsets.US_ASCII);
            }
            this.privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(decode(pem, "PRIVATE KEY")));
            this.publicKey = derivePublic(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("manifest signing key unreadable", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("manifest signing key is not an Ed25519 PKCS#8 key", e);
        }
    }

    /** The Ed25519 signature over exactly these bytes. */
    public byte[] sign(byte[] manifest) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(manifest);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public boolean verify(byte[] manifest, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(manifest);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The public key as a PEM SubjectPublicKeyInfo, as openssl reads it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static void generate(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.move(temporary, file);
        LOG.debug("Generated the demo manifest signing key in {}", file);
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

    private static byte[] decode(String pem, String type) {
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
