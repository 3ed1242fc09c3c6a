package org.mincard.application.retries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.mincard.application.vault.BlindIndex;
import org.mincard.domain.shared.Actor;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The keyed parts of an idempotency record. The row key is an HMAC of (actor, key) under the blind-index key; the
 * request fingerprint is an HMAC of (method, path, body); the answer is sealed with AES-GCM under a second HMAC of
 * (actor, key), so only a caller presenting the key again (and a server holding the blind-index key) can read it.
 * An answer may carry personal data (a case's state does not, a data request's reply might); none of it is stored
 * readable.
 */
@Component
class SealedAnswers {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A stored HTTP answer: status, the headers worth replaying, and the body bytes. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private final BlindIndex blindIndex;
    private final SecureRandom random = new SecureRandom();

    SealedAnswers(BlindIndex blindIndex) {
        this.blindIndex = blindIndex;
    }

    byte[] keyHash(String idempotencyKey, Actor actor) {
        return blindIndex.of("idempotency-key", actor.userId() + "\u0000" + idempotencyKey);
    }

    byte[] fingerprint(String method, String path, String query, byte[] body) {
        return blindIndex.of("idempotency-request", method + "\u0000" + path + "\u0000" + (query == null ? "" : query)
                + "\u0000" + Base64.getEncoder().encodeToString(body));
    }

    byte[] seal(Answer answer, String idempotencyKey, Actor actor, byte[] keyHash) {
        try {
            byte[] plain = JSON.writeValueAsBytes(Map.of("status", answer.status(), "headers", answer.headers(),
                    "body", Base64.getEncoder().encodeToString(answer.body())));
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, idempotencyKey, actor, iv);
            cipher.updateAAD(keyHash);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot seal an idempotent answer", e);
        }
    }

    @SuppressWarnings("unchecked")
    Answer open(byte[] sealed, String idempotencyKey, Actor actor, byte[] keyHash) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, idempotencyKey, actor,
                    Arrays.copyOfRange(sealed, 0, IV_BYTES));
            cipher.updateAAD(keyHash);
            byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
            Map<String, Object> tree = JSON.readValue(plain, Map.class);
            return new Answer(((Number) tree.get("status")).intValue(), (Map<String, String>) tree.get("headers"),
                    Base64.getDecoder().decode((String) tree.get("body")));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot open an idempotent answer", e);
        }
    }

    private Cipher cipher(int mode, String idempotencyKey, Actor actor, byte[] iv) throws GeneralSecurityException {
        byte[] key = blindIndex.of("idempotency-answer", actor.userId() + "\u0000" + idempotencyKey);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, 0, 32, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
