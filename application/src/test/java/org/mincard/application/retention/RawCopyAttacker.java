package org.mincard.application.retention;


import org.mincard.domain.personaldata.KeyReference;
import org.springframework.core.env.Environment;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Plays an attacker holding a raw copy of the PostgreSQL data directory (heap files and {@code pg_wal}) and every KEK
 * the installation still holds (key files, or the PKCS#11 token with its PIN): finds the target subjects' ids in the files' bytes, takes every 60-byte wrapped key
 * stored near them (a short bytea: length byte 0x7B, then nonce, ciphertext and tag), and tries to unwrap it under each
 * KEK with each target key's associated data. What unwraps is a recovered data key.
 */
final class RawCopyAttacker {

    private static final int WRAPPED_BYTES = 60;
    private static final byte SHORT_BYTEA_61 = (byte) ((WRAPPED_BYTES + 1) << 1 | 1);
    private static final int WINDOW = 256;

    /** What the attack found: candidate wrapped keys near the targets, and the keys recovered. */
    record Result(int candidates, Map<KeyReference, byte[]> recovered) {
    }

    /** A KEK the attacker can use: its name, the key (bytes in memory, or a handle into a token) and its provider. */
    record Kek(String name, Key key, Provider provider) {
    }

    private RawCopyAttacker() {
    }

    /** Runs CHECKPOINT as the owner, then copies the cluster's files (this database's, pg_wal, global) to {@code copy}. */
    static Path copyDataDirectory(Environment environment, Path copy) {
        try (Connection owner = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.flyway.user", environment.getProperty("spring.datasource.username")),
                environment.getProperty("spring.flyway.password",
                        environment.getProperty("spring.datasource.password")));
             Statement statement = owner.createStatement()) {
            statement.execute("CHECKPOINT");
            String dataDirectory;
            long databaseOid;
            try (ResultSet rows = statement.executeQuery("SHOW data_directory")) {
                rows.next();
                dataDirectory = rows.getString(1);
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT oid FROM pg_database WHERE datname = current_database()")) {
                rows.next();
                databaseOid = rows.getLong(1);
            }
            Path source = Path.of(dataDirectory);
            Path base = source.resolve("base");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path relative = source.relativize(file);
                    if (file.startsWith(base) && !file.getParent().getFileName().toString()
                            .equals(Long.toString(databaseOid))) {
                        continue;
                    }
                    Path target = copy.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    try {
                        Files.copy(file, target);
                    } catch (NoSuchFileException vanished) {
                        // a WAL segment recycled or a temporary file removed while copying: as a real copy would
                    }
                }
            }
            return copy;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every {@code <id>.kek} file in the directory: the KEKs an attacker on the host finds. */
    static Map<String, SecretKey> keksIn(Path directory) {
        Map<String, SecretKey> keks = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".kek")).toList()) {
                String name = file.getFileName().toString();
                keks.put(name.substring(0, name.length() - 4), new SecretKeySpec(
                        Base64.getDecoder().decode(Files.readString(file).strip()), "AES"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keks;
    }

    /** KEKs held in memory (key files, configured values). */
    static List<Kek> inMemory(Map<String, SecretKey> keks) {
        return keks.entrySet().stream().map(e -> new Kek(e.getKey(), e.getValue(), null)).toList();
    }

    /**
     * Logs into the PKCS#11 token with its PIN and takes every secret key it shows a logged-in user, whoever's label
     * it carries: keys stay inside the token, but the attacker can make the token unwrap with each of them.
     */
    static List<Kek> onToken(Path library, Path pinFile) {
        String config = "--name = attacker\nlibrary = \"" + library.toAbsolutePath() + "\"\nslotListIndex = 0\n";
        try {
            Provider provider = Security.getProvider("SunPKCS11").configure(config);
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, Files.readString(pinFile).strip().toCharArray());
            List<Kek> keks = new ArrayList<>();
            for (String alias : Collections.list(token.aliases())) {
                if (token.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                    keks.add(new Kek(alias, token.getKey(alias, null), provider));
                }
            }
            return keks;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result attack(Path copy, Collection<KeyReference> targets, Collection<Kek> keks) {
        Map<UUID, List<KeyReference>> bySubject = new HashMap<>();
        for (KeyReference target : targets) {
            bySubject.computeIfAbsent(target.subjectId(), k -> new ArrayList<>()).add(target);
        }
        Map<KeyReference, byte[]> recovered = new HashMap<>();
        Set<String> candidates = new HashSet<>();
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (Map.Entry<UUID, List<KeyReference>> subject : bySubject.entrySet()) {
                    byte[] id = uuidBytes(subject.getKey());
                    for (int at = indexOf(bytes, id, 0); at >= 0; at = indexOf(bytes, id, at + 1)) {
                        int end = Math.min(bytes.length - WRAPPED_BYTES - 1, at + WINDOW);
                        for (int q = at + id.length; q <= end; q++) {
                            if (bytes[q] != SHORT_BYTEA_61) {
                                continue;
                            }
                            byte[] wrapped = Arrays.copyOfRange(bytes, q + 1, q + 1 + WRAPPED_BYTES);
                            candidates.add(Base64.getEncoder().encodeToString(wrapped));
                            for (KeyReference target : subject.getValue()) {
                                for (Kek kek : keks) {
                                    byte[] key = unwrap(kek, wrapped, target);
                                    if (key != null) {
                                        recovered.put(target, key);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(candidates.size(), recovered);
    }

    /** Opens a sealed value with a recovered data key; null when it does not authenticate. */
    static String open(byte[] dataKey, KeyReference reference, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
                    new GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD(("mincard:sealed-value:v1|" + reference.subjectId() + "|" + reference.dataClass() + "|"
                    + reference.keyVersion()).getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static byte[] unwrap(Kek kek, byte[] wrapped, KeyReference target) {
        try {
            Cipher cipher = kek.provider() == null ? Cipher.getInstance("AES/GCM/NoPadding")
                    : Cipher.getInstance("AES/GCM/NoPadding", kek.provider());
            cipher.init(Cipher.DECRYPT_MODE, kek.key(), new GCMParameterSpec(128, wrapped, 0, 12));
            cipher.updateAAD(("mincard:data-key:v1|" + target.subjectId() + "|" + target.dataClass() + "|"
                    + target.keyVersion()).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(wrapped, 12, wrapped.length - 12);
        } catch (GeneralSecurityException | ProviderException e) {
            return null;
        }
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
