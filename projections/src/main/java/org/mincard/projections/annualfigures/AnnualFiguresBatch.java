package org.mincard.projections.annualfigures;

import org.mincard.projections.batch.BatchColumns;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The figures of one unit of work, written in one statement at prepare-commit. A row is keyed by its event (aggregate,
 * sequence) and section and derived from that event alone, so writing it again (a replay, a redelivery) changes
 * nothing.
 */
final class AnnualFiguresBatch {

    record Figure(UUID sourceId, long sequence, FigureSection section, String item, Instant recordedAt,
                  Instant occurredAt) {
    }

    private static final BatchColumns<Figure> COLUMNS = BatchColumns.<Figure>builder()
            .column("source_id", "uuid", Figure::sourceId)
            .column("sequence", "bigint", Figure::sequence)
            .column("section", "text", figure -> figure.section().name())
            .column("item", "text", Figure::item)
            .column("recorded_at", "timestamptz", Figure::recordedAt)
            .column("occurred_at", "timestamptz", Figure::occurredAt)
            .build();

    private static final String WRITE = COLUMNS.insert("read_model.annual_figure")
            + "\nON CONFLICT ON CONSTRAINT annual_figure_pk DO NOTHING";

    private final JdbcTemplate jdbc;
    private final List<Figure> figures = new ArrayList<>();

    AnnualFiguresBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(Figure figure) {
        figures.add(figure);
    }

    void flush() {
        if (figures.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(WRITE)) {
                COLUMNS.bind(statement, 1, figures);
                statement.executeUpdate();
            }
            return null;
        });
        figures.clear();
    }
}
