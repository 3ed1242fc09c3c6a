package org.mincard.application.oversight;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** The registered chained streams, read from {@code audit.chained_stream} each time (a handful of rows). */
@Component
class ChainedStreams {

    private final JdbcTemplate jdbc;

    ChainedStreams(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<ChainedStream> all() {
        return jdbc.query("SELECT stream, table_name, id_column, columns FROM audit.chained_stream ORDER BY stream",
                (row, n) -> new ChainedStream(row.getString(1), row.getString(2), row.getString(3),
                        strings(row.getArray(4))));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
