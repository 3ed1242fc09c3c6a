package org.mincard.projections.batch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Columns of a batched write as PostgreSQL text arrays, for statements of the form
 * {@code INSERT ... SELECT ... FROM unnest(?::text[], ...)} that write a whole batch in one round trip. Each value
 * goes as its {@code toString()} and the statement casts it back (uuid, timestamptz, bigint ...).
 */
public final class TextArrays {

    private TextArrays() {
    }

    /** One column: the value of each row, as text (null stays null). */
    public static <T> Array column(Connection connection, List<T> rows, Function<T, Object> value)
            throws SQLException {
        List<String> texts = new ArrayList<>(rows.size());
        for (T row : rows) {
            Object v = value.apply(row);
            texts.add(v == null ? null : v.toString());
        }
        return text(connection, texts);
    }

    public static Array text(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(new String[0]));
    }
}
