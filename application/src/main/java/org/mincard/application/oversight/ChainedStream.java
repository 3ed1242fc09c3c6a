package org.mincard.application.oversight;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A table registered in {@code audit.chained_stream}: its rows are linked in id order over the canonical encoding of
 * the registered columns. Registration is SQL only (see {@code audit.register_chained_stream}), so a new stream needs
 * no Java.
 */
record ChainedStream(String stream, String tableName, String idColumn, List<String> columns) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    ChainedStream {
        // Names come from a table only the owner can write, and go into SQL text: refuse anything but identifiers.
        for (String name : concat(tableName, idColumn, columns)) {
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalStateException("chained stream " + stream + " names a non-identifier column or table");
            }
        }
        columns = List.copyOf(columns);
    }

    private static List<String> concat(String table, String id, List<String> columns) {
        return Stream.concat(Stream.of(table, id), columns.stream()).toList();
    }

    /**
     * The canonical encoding as a SQL expression over the table alias (callers set TimeZone UTC): the same bytes
     * {@link ChainHash#encode} builds from the same text values, so PostgreSQL can hash rows itself.
     */
    String encodingSql(String alias) {
        StringBuilder sql = new StringBuilder("convert_to('").append(stream).append("' || chr(10) || ")
                .append(alias).append('.').append(idColumn).append(" || chr(10)");
        for (String column : columns) {
            String text = alias + "." + column + "::text";
            sql.append(" || '").append(column).append("=' || coalesce(octet_length(convert_to(").append(text)
                    .append(", 'UTF8')) || ':' || ").append(text).append(", '\\N') || chr(10)");
        }
        return sql.append(", 'UTF8')").toString();
    }

    /** The row id and the registered columns as text (callers set TimeZone UTC), from the table as alias. */
    String selectRows(String prefix, String alias, String tail) {
        return selectRows(prefix, tableName, alias, tail);
    }

    /** The same from another source (e.g. a subquery on the table). */
    String selectRows(String prefix, String source, String alias, String tail) {
        StringBuilder sql = new StringBuilder("SELECT ").append(prefix).append(alias).append('.').append(idColumn);
        for (String column : columns) {
            sql.append(", ").append(alias).append('.').append(column).append("::text");
        }
        return sql.append(" FROM ").append(source).append(' ').append(alias).append(' ').append(tail).toString();
    }
}
