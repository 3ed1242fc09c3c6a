package org.mincard.application.vault.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mincard.application.vault.ErasureLedger;
import org.mincard.domain.personaldata.DataClass;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileErasureLedgerTest {

    @TempDir
    Path directory;

    private static ErasureLedger.Entry entry(UUID subject) {
        return ErasureLedger.Entry.dataKey(Instant.parse("2026-03-01T02:30:00Z"), subject, DataClass.CONTACT, 1,
                "local-1", UUID.randomUUID(), "min-contact-decision-made");
    }

    @Test
    void keepsEntriesAcrossReopening_inOrderWithALinkedHeadThatSha256sumConfirms() throws Exception {
        Path file = directory.resolve("ledger/erasure-ledger.txt");
        FileErasureLedger ledger = new FileErasureLedger(file);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        ledger.append(List.of(entry(first), entry(second)));
        ledger.append(List.of(ErasureLedger.Entry.kek(Instant.parse("2026-04-01T00:00:00Z"), "local-1")));

        FileErasureLedger reopened = new FileErasureLedger(file);
        List<ErasureLedger.Entry> read = new ArrayList<>();
        reopened.forEach(read::add);
        assertThat(read).extracting(ErasureLedger.Entry::subjectId).containsExactly(first, second, null);
        assertThat(read.get(2).kind()).isEqualTo(ErasureLedger.Kind.KEK);
        assertThat(reopened.head().sequence()).isEqualTo(3);
        String last = Files.readAllLines(file).get(2);
        String body = last.substring(0, last.lastIndexOf('|'));
        assertThat(reopened.head().hash()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void refusesToReadItThrough_whenAnEntryWasAltered_andToOpen_whenItIsTheLast() throws Exception {
        Path file = directory.resolve("erasure-ledger.txt");
        UUID subject = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        new FileErasureLedger(file).append(List.of(entry(subject), entry(last)));
        String original = Files.readString(file);

        Files.writeString(file, original.replace(subject.toString(), UUID.randomUUID().toString()));

        assertThatThrownBy(() -> new FileErasureLedger(file).forEach(entry -> { }))
                .hasMessageContaining("is broken at entry 1").hasMessageNotContaining(subject.toString());
        Files.writeString(file, original.replace(last.toString(), UUID.randomUUID().toString()));
        assertThatThrownBy(() -> new FileErasureLedger(file))
                .hasMessageContaining("is broken at its last entry").hasMessageNotContaining(last.toString());
    }

    @Test
    void readsOnlyTheEntriesAfterAMark_checkingTheMarkedEntryAndTheChainFromIt() {
        Path file = directory.resolve("erasure-ledger.txt");
        FileErasureLedger ledger = new FileErasureLedger(file);
        ledger.append(List.of(entry(UUID.randomUUID()), entry(UUID.randomUUID())));
        ErasureLedger.Mark mark = ledger.forEachAfter(ErasureLedger.Mark.START, entry -> { });
        UUID third = UUID.randomUUID();
        UUID fourth = UUID.randomUUID();
        new FileErasureLedger(file).append(List.of(entry(third)));
        ledger.append(List.of(entry(fourth)));

        List<UUID> read = new ArrayList<>();
        ErasureLedger.Mark end = new FileErasureLedger(file).forEachAfter(mark, entry -> read.add(entry.subjectId()));

        assertThat(mark.sequence()).isEqualTo(2);
        assertThat(read).containsExactly(third, fourth);
        assertThat(end.sequence()).isEqualTo(4);
        assertThat(end.hash()).isEqualTo(ledger.head().hash());
        List<UUID> none = new ArrayList<>();
        assertThat(ledger.forEachAfter(end, entry -> none.add(entry.subjectId()))).isEqualTo(end);
        assertThat(none).isEmpty();
    }

    @Test
    void refusesAMark_whenTheLedgerNoLongerHoldsThatEntry() throws Exception {
        Path file = directory.resolve("erasure-ledger.txt");
        FileErasureLedger ledger = new FileErasureLedger(file);
        ledger.append(List.of(entry(UUID.randomUUID()), entry(UUID.randomUUID()), entry(UUID.randomUUID())));
        ErasureLedger.Mark end = ledger.forEachAfter(ErasureLedger.Mark.START, entry -> { });
        List<String> lines = Files.readAllLines(file);

        Files.writeString(file, lines.get(0) + "\n" + lines.get(1) + "\n");

        assertThatThrownBy(() -> new FileErasureLedger(file).forEachAfter(end, entry -> { }))
                .isInstanceOf(ErasureLedger.MarkMismatch.class).hasMessageContaining("entry 3");
        ErasureLedger.Mark forged = new ErasureLedger.Mark(2, end.hash(), end.offset());
        assertThatThrownBy(() -> new FileErasureLedger(file).forEachAfter(forged, entry -> { }))
                .isInstanceOf(ErasureLedger.MarkMismatch.class);
    }

    @Test
    void cutsOffAnUnfinishedLastLine_whenACrashInterruptedAnAppend() throws Exception {
        Path file = directory.resolve("erasure-ledger.txt");
        new FileErasureLedger(file).append(List.of(entry(UUID.randomUUID())));
        Files.writeString(file, "1|2|2026-03-01T02:30:00Z|DATA_KEY|", StandardOpenOption.APPEND);

        FileErasureLedger reopened = new FileErasureLedger(file);
        reopened.append(List.of(entry(UUID.randomUUID())));

        assertThat(new FileErasureLedger(file).head().sequence()).isEqualTo(2);
        assertThat(Files.readAllLines(file)).hasSize(2);
    }
}
