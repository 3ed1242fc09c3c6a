package org.mincard.application.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

/** CSV cells and downloads: the dashboard, the access and search logs, the annual report. */
public final class Csv {

    /** The header naming the cursor of the next page of an export. */
    public static final String NEXT_HEADER = "Next-After";

    private Csv() {
    }

    /** A CSV download; {@code nextAfter} (the last row's id when the page was full) goes in {@value #NEXT_HEADER}. */
    public static ResponseEntity<String> attachment(String filename, CharSequence body, Long nextAfter) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        if (nextAfter != null) {
            response.header(NEXT_HEADER, Long.toString(nextAfter));
        }
        return response.body(body.toString());
    }

    /**
     * One RFC 4180 cell: quoted when it holds a comma, quote or line break. A value a spreadsheet would run as a
     * formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe and is always quoted.
     */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
        if (formula) {
            text = "'" + text;
        }
        if (formula || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
