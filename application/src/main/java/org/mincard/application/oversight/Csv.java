package org.mincard.application.oversight;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

/** CSV cells and answers for the auditors' exports. */
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

    /** RFC 4180 quoting, and a leading quote for values a spreadsheet would run as a formula. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
