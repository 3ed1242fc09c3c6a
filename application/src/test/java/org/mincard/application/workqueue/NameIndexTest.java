package org.mincard.application.workqueue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameIndexTest {

    @Test
    void stripsAccentsAndCase_andSplitsOnSpacesHyphensAndApostrophes() {
        assertThat(NameIndex.tokens("  José  Pérez-López O’Brien d'Arc ")).containsExactly("jose", "perez", "lopez",
                "o", "brien", "d", "arc");
    }

    @Test
    void keepsEachTokenOnce_whenNameRepeatsIt() {
        assertThat(NameIndex.tokens("Ana ANA ána")).containsExactly("ana");
    }

    @Test
    void findsNoToken_whenQueryIsOnlySeparators() {
        assertThat(NameIndex.tokens(" - ' ")).isEmpty();
    }

    @Test
    void foldsCompatibilityCharacters_whenNameUsesThem() {
        assertThat(NameIndex.tokens("Ｍｉｎ Ǆuro")).containsExactly("min", "dzuro");
    }
}
