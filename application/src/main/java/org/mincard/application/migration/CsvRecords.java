package org.mincard.application.migration;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records (comma separated, double-quoted cells with {@code ""} for a quote, CRLF or LF line ends,
 * line breaks inside quotes) one at a time, and knows the line each record starts on, so a refusal can name it.
 * A record whose quotes do not close, or that has characters after a closing quote, is {@linkplain Csv#malformed
 * malformed}; reading goes on at the next line. Never keeps more than the current record.
 */
final class CsvRecords {

    /** One record: its first line (1-based), its cells, or malformed. */
    record Csv(long line, List<String> cells, boolean malformed) {

        @Override
        public String toString() {
            return "Csv[line " + line + ", " + cells.size() + " cells" + (malformed ? ", malformed" : "") + "]";
        }
    }

    private final Reader reader;
    private long line = 1;
    private int peeked = -2;

    CsvRecords(Reader reader) {
        this.reader = reader;
    }

    /** The next record, or null at the end of the input. Blank lines are skipped. */
    Csv next() {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            return record();
        }
    }

    private Csv record() {
        long start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean malformed = false;
        while (true) {
            int c = read();
            if (c == '"' && cell.isEmpty()) {
                if (!quoted(cell)) {
                    return new Csv(start, List.of(), true);
                }
                c = read();
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    skipLine(c);
                    return new Csv(start, List.of(), true);
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') {
                        malformed = true;
                    }
                    cell.append((char) c);
                    c = read();
                }
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (c == ',') {
                continue;
            }
            if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    unread(after);
                }
                c = '\n';
            }
            if (c == '\n') {
                line++;
            }
            return new Csv(start, malformed ? List.of() : cells, malformed);
        }
    }

    /** Reads a quoted cell after its opening quote; false when the input ends inside the quotes. */
    private boolean quoted(StringBuilder cell) {
        while (true) {
            int c = read();
            if (c == -1) {
                return false;
            }
            if (c == '"') {
                int after = read();
                if (after == '"') {
                    cell.append('"');
                    continue;
                }
                unread(after);
                return true;
            }
            if (c == '\n') {
                line++;
            }
            cell.append((char) c);
        }
    }

    private void skipLine(int c) {
        while (c != '\n' && c != -1) {
            c = read();
        }
        if (c == '\n') {
            line++;
        }
    }

    private int read() {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        try {
            return reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void unread(int c) {
        peeked = c;
    }
}
