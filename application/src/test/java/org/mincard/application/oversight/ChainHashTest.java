package org.mincard.application.oversight;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainHashTest {

    @Test
    void encodesLengthPrefixedValuesAndNulls_whenARowIsEncoded() {
        byte[] encoding = ChainHash.encode("access-log", 42, List.of("actor_id", "case_id", "purpose"),
                new String[]{"clerk-ä", null, "CASE_WORK"});

        assertThat(new String(encoding, StandardCharsets.UTF_8))
                .isEqualTo("access-log\n42\nactor_id=8:clerk-ä\ncase_id=\\N\npurpose=9:CASE_WORK\n");
    }

    @Test
    void differs_whenAValueMovesBetweenColumns() {
        byte[] one = ChainHash.encode("s", 1, List.of("a", "b"), new String[]{"x\nb=1:y", null});
        byte[] other = ChainHash.encode("s", 1, List.of("a", "b"), new String[]{"x", "y"});

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void chainsOverThePreviousHash_whenLinking() throws Exception {
        byte[] encoding = "s\n1\na=1:x\n".getBytes(StandardCharsets.UTF_8);

        byte[] first = ChainHash.link(ChainHash.sha256(), ChainHash.GENESIS, encoding);

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[32]);
        assertThat(HexFormat.of().formatHex(first)).isEqualTo(HexFormat.of().formatHex(sha.digest(encoding)));
        assertThat(ChainHash.link(ChainHash.sha256(), first, encoding)).isNotEqualTo(first);
    }
}
