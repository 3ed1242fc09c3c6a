package org.mincard.application.workqueue;

import org.mincard.application.vault.BlindIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Command-side search index of applicants' names: one keyed blind index (HMAC, key outside the database) per
 * normalized name token, per case. The name itself is never stored; without the key an entry reveals nothing.
 * Written in the transaction that submits the case; {@link #forget} erases cardholders's entries when their card
 * record is purged.
 *
 * <p>Normalization: Unicode NFKD, accents (combining marks) stripped, lower case, split on whitespace, hyphens and
 * apostrophes. So "José Pérez-López" is found by "jose", "perez" or "lopez perez".
 */
@Component
public class NameIndex {

    private static final String DOMAIN = "name-token";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-\\u2010-\\u2015'\\u2019.,]+");
    /** A name search with more tokens than this is refused by the caller; it bounds the query. */
    public static final int MAX_QUERY_TOKENS = 8;
    /** At most this many candidate cases come back from one search. */
    static final int MAX_CANDIDATES = 1000;

    private final JdbcTemplate jdbc;
    private final BlindIndex blindIndex;

    NameIndex(JdbcTemplate jdbc, BlindIndex blindIndex) {
        this.jdbc = jdbc;
        this.blindIndex = blindIndex;
    }

    /** Normalized tokens of a name, distinct, in order. */
    public static List<String> tokens(String name) {
        String folded = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Set<String> tokens = new LinkedHashSet<>(Arrays.asList(SEPARATORS.split(folded.strip())));
        tokens.remove("");
        return List.copyOf(tokens);
    }

    /** Indexes the legal name of a case; call it in the transaction that submits the case. */
    public void index(UUID caseId, UUID cardholderId, String legalName) {
        List<Object[]> rows = tokens(legalName).stream()
                .map(token -> new Object[] {blindIndex.of(DOMAIN, token), caseId, cardholderId})
                .toList();
        jdbc.batchUpdate("""
                INSERT INTO lookup.name_token (token_index, case_id, cardholder_id) VALUES (?, ?, ?)
                ON CONFLICT ON CONSTRAINT name_token_pk DO NOTHING
                """, rows);
    }

    /** One case's legal name to index. */
    public record Entry(UUID caseId, UUID cardholderId, String legalName) {

        @Override
        public String toString() {
            return "Entry[" + caseId + "]";
        }
    }

    /** {@link #index} for many cases in one batch (bulk imports); call it in the transaction that appends them. */
    public void indexAll(List<Entry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size() * 3);
        for (Entry entry : entries) {
            for (String token : tokens(entry.legalName())) {
                rows.add(new Object[] {blindIndex.of(DOMAIN, token), entry.caseId(), entry.cardholderId()});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO lookup.name_token (token_index, case_id, cardholder_id) VALUES (?, ?, ?)
                ON CONFLICT ON CONSTRAINT name_token_pk DO NOTHING
                """, rows);
    }

    /**
     * The cases whose indexed name has every token of {@code query} (at most {@value #MAX_CANDIDATES}); empty when
     * the query has no token.
     */
    public Set<UUID> find(String query) {
        List<String> tokens = tokens(query);
        if (tokens.isEmpty()) {
            return Set.of();
        }
        if (tokens.size() > MAX_QUERY_TOKENS) {
            tokens = tokens.subList(0, MAX_QUERY_TOKENS);
        }
        // Hex digits only, so the array literal needs no quoting.
        String indexes = "{" + String.join(",", tokens.stream()
                .map(token -> HexFormat.of().formatHex(blindIndex.of(DOMAIN, token))).toList()) + "}";
        return Set.copyOf(jdbc.queryForList("""
                SELECT case_id FROM lookup.name_token
                WHERE token_index IN (SELECT decode(hex, 'hex') FROM unnest(?::text[]) AS hex)
                GROUP BY case_id HAVING count(DISTINCT token_index) = ? LIMIT ?
                """, UUID.class, indexes, tokens.size(), MAX_CANDIDATES));
    }

    /** Erases every name entry of these cardholders (for retention, when card records are purged); answers how many. */
    public int forget(Collection<UUID> cardholderIds) {
        if (cardholderIds.isEmpty()) {
            return 0;
        }
        return jdbc.update(connection -> {
            var statement = connection.prepareStatement(
                    "DELETE FROM lookup.name_token WHERE cardholder_id = ANY ((SELECT ?::uuid[])::uuid[])");
            statement.setArray(1, connection.createArrayOf("uuid", cardholderIds.toArray()));
            return statement;
        });
    }
}
