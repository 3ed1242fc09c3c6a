package org.mincard.projections.batch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of one table written a whole batch at a time, as {@code INSERT INTO t (a, b) SELECT u.a::uuid, u.b FROM
 * unnest(?::text[], ?::text[]) AS u(a, b)}: one array parameter per column. The statement's column list, its casts,
 * its placeholders and the values bound to them all come from this one list, so a column cannot be added to one and
 * forgotten in another, and the parameters cannot drift out of order.
 *
 * <p>Values go as text ({@code toString()}, null stays null) and are cast back in SQL (uuid, timestamptz, bigint
 * ...): one statement shape whatever the batch holds, so PostgreSQL can reuse its plan. A {@code bytea} column takes
 * {@code byte[]} values and goes as a bytea array.
 */
public final class BatchColumns<T> {

    private record Column<T>(String name, String type, Function<T, Object> value) {
    }

    private final List<Column<T>> columns;

    private BatchColumns(List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Adds columns in the order of the table's column list. */
    public static final class Builder<T> {
        private final List<Column<T>> columns = new ArrayList<>();

        private Builder() {
        }

        /** A column of SQL type {@code type} ({@code text} is not cast; {@code bytea} values are byte arrays). */
        public Builder<T> column(String name, String type, Function<T, Object> value) {
            columns.add(new Column<>(name, type, value));
            return this;
        }

        public BatchColumns<T> build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("a batch write needs at least one column");
            }
            return new BatchColumns<>(columns);
        }
    }

    /** {@code INSERT INTO <table> (<columns>) SELECT <casts> FROM unnest(<placeholders>) AS u(<columns>)}. */
    public String insert(String table) {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + names + ")\n" + select();
    }

    /** {@code SELECT <casts> FROM unnest(<placeholders>) AS u(<columns>)}: the rows as a relation, written nowhere. */
    public String select() {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String casts = columns.stream()
                .map(column -> "text".equals(column.type()) || "bytea".equals(column.type())
                        ? "u." + column.name() : "u." + column.name() + "::" + column.type())
                .collect(Collectors.joining(", "));
        String placeholders = columns.stream()
                .map(column -> "bytea".equals(column.type()) ? "?::bytea[]" : "?::text[]")
                .collect(Collectors.joining(", "));
        return "SELECT " + casts + "\nFROM unnest(" + placeholders + ") AS u(" + names + ")";
    }

    /** Binds one array per column from {@code rows}, from parameter {@code first}; answers the next parameter. */
    public int bind(PreparedStatement statement, int first, List<T> rows) throws SQLException {
        Connection connection = statement.getConnection();
        int parameter = first;
        for (Column<T> column : columns) {
            statement.setArray(parameter++, array(connection, column, rows));
        }
        return parameter;
    }

    private Array array(Connection connection, Column<T> column, List<T> rows) throws SQLException {
        if ("bytea".equals(column.type())) {
            byte[][] values = new byte[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                values[i] = (byte[]) column.value().apply(rows.get(i));
            }
            return connection.createArrayOf("bytea", values);
        }
        return TextArrays.column(connection, rows, column.value());
    }
}
