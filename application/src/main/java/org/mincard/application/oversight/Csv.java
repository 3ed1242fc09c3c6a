package org.mincard.application.oversight;

/** CSV cells for the auditors' exports. */
public final class Csv {

    private Csv() {
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
