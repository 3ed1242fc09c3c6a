package org.mincard.domain.request;

import java.util.regex.Pattern;

/**
 * The counsel who reviews a request, as a staff user id (as in the access log), never a name or an e-mail address:
 * 1 to 128 letters, digits or {@code . _ : -}, starting with a letter or digit.
 */
public final class CounselReviewerId {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private CounselReviewerId() {
    }

    public static boolean isWellFormed(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
