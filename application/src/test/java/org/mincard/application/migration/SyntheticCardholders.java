package org.mincard.application.migration;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Made-up import rows for benchmarks: a unique legacy reference per row (prefix and row number), the sites in turn,
 * a random name and date of birth, a phone number (a contact, so a second per-person key) and, when asked, a gender
 * marker on every tenth row. Deterministic per seed.
 */
public final class SyntheticCardholders {

    private SyntheticCardholders() {
    }

    public static String csv(int rows, List<UUID> sites, String referencePrefix, boolean genderMarkers) {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder(rows * 110)
                .append("legacy_reference,site_id,legal_name,date_of_birth,gender_marker,phone,email\n");
        for (int i = 0; i < rows; i++) {
            csv.append(referencePrefix).append('-').append(i).append(',').append(sites.get(i % sites.size()))
                    .append(",Bench Person ").append(Long.toHexString(random.nextLong())).append(',')
                    .append(LocalDate.of(1930 + random.nextInt(85), 1 + random.nextInt(12), 1 + random.nextInt(28)))
                    .append(',').append(genderMarkers && i % 10 == 0 ? "X" : "").append(",+1 312 555 ")
                    .append(1000 + random.nextInt(9000)).append(",\n");
        }
        return csv.toString();
    }
}
