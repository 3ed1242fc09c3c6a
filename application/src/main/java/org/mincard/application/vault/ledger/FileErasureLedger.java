package org.mincard.application.vault.ledger;

import org.mincard.application.vault.ErasureLedger;
import org.mincard.domain.personaldata.DataClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The erasure ledger as an append-only text file, one entry per line:
 *
 * <pre>1|sequence|at|kind|subjectId|dataClass|keyVersion|kekId|sweepId|ruleId|previousHash|hash</pre>
 *
 * where {@code hash} is the SHA-256 (hex) of the line's UTF-8 bytes before {@code |hash}, and an absent value is
 * {@code -}. So {@code sha256sum} checks a line and the next line's {@code previousHash} links it. Each append is
 * flushed to the device ({@code fsync}) under an exclusive file lock, so nodes sharing the file append in turn. A line
 * cut short by a crash (no newline) was never acknowledged: it is cut off at the next open.
 */
final class FileErasureLedger implements ErasureLedger {

    private static final Logger LOG = LoggerFactory.getLogger(FileErasureLedger.class);
    static final String ZERO_HASH = "0".repeat(64);
    private static final String VERSION = "1";
    private static final int MAX_LINE = 4096;

    /** File locks belong to the whole JVM: two ledgers on one file in one JVM (two contexts) take turns here first. */
    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM =
            new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock inJvm;
    private long knownSize;
    private long headStart;
    private Head head;

    /**
     * Opens the ledger reading only its last entry (its own hash is checked; the whole chain is checked by
     * {@link #forEach} and by {@link #forEachAfter} from the erasure fence's mark on), so opening costs the same at a
     * million entries as at ten.
     */
    FileErasureLedger(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.inJvm = IN_JVM.computeIfAbsent(this.file, f -> new ReentrantLock());
        try {
            Path parent = this.file.getParent();
            if (!Files.isDirectory(parent)) {
                if (Files.getFileAttributeView(existing(parent), PosixFileAttributeView.class) != null) {
                    Files.createDirectories(parent,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(parent);
                }
            }
            if (!Files.exists(this.file)) {
                if (Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null) {
                    Files.createFile(this.file,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(this.file);
                }
            }
            inJvm.lock();
            try (FileChannel channel = FileChannel.open(this.file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                openTail(channel);
            } finally {
                inJvm.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the erasure ledger " + this.file, e);
        }
    }

    @Override
    public synchronized void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        inJvm.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (channel.size() != knownSize) {
                refresh(channel);
            }
            StringBuilder text = new StringBuilder();
            long sequence = head.sequence();
            String previous = head.hash();
            long position = knownSize;
            long lastStart = headStart;
            long written = 0;
            for (Entry entry : entries) {
                sequence++;
                String body = body(sequence, entry, previous);
                String hash = sha256(body);
                String line = body + '|' + hash + '\n';
                text.append(line);
                lastStart = position + written;
                written += utf8Length(line);
                previous = hash;
            }
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            ByteBuffer bytes = ByteBuffer.wrap(utf8);
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(true);
            knownSize = position;
            headStart = lastStart;
            head = new Head(sequence, previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the erasure ledger " + file, e);
        } finally {
            inJvm.unlock();
        }
    }

    @Override
    public synchronized Head head() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != knownSize) {
                inJvm.lock();
                try (FileChannel writable = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                     FileLock ignored = writable.lock()) {
                    refresh(writable);
                } finally {
                    inJvm.unlock();
                }
            }
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure ledger " + file, e);
        }
    }

    @Override
    public void forEach(Consumer<Entry> action) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            scan(channel, 0, 0, ZERO_HASH, 0, action);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure ledger " + file, e);
        }
    }

    @Override
    public Mark forEachAfter(Mark from, Consumer<Entry> action) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (from.sequence() == 0 || from.offset() < 0) {
                return mark(scan(channel, 0, 0, ZERO_HASH, 0, action));
            }
            long size = channel.size();
            String anchor = from.offset() < size ? lineAt(channel, from.offset(), size) : null;
            String[] parts = anchor == null ? null : anchor.split("\\|", -1);
            if (parts == null || parts.length != 12 || !VERSION.equals(parts[0])
                    || !parts[1].equals(Long.toString(from.sequence())) || !parts[11].equals(from.hash())
                    || !sha256(anchor.substring(0, anchor.length() - 65)).equals(parts[11])) {
                throw new MarkMismatch("erasure ledger " + file + " does not hold entry " + from.sequence()
                        + " as this database last verified it (cut short, replaced or edited); restore the ledger"
                        + " from its copy (docs/runbook.md)");
            }
            long next = from.offset() + utf8Length(anchor) + 1;
            return mark(scan(channel, next, from.sequence(), from.hash(), from.offset(), action));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure ledger " + file, e);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** Finds the last complete line; cuts off a torn one after it (a crash mid-append, never acknowledged). */
    private void openTail(FileChannel channel) throws IOException {
        long size = channel.size();
        long end = lastNewlineBefore(channel, size) + 1;
        cutAfter(channel, end);
        if (end == 0) {
            head = new Head(0, ZERO_HASH);
            headStart = 0;
            knownSize = 0;
            return;
        }
        long start = lastNewlineBefore(channel, end - 1) + 1;
        String line = lineAt(channel, start, end);
        String[] parts = line == null ? new String[0] : line.split("\\|", -1);
        if (parts.length != 12 || !VERSION.equals(parts[0])
                || !sha256(line.substring(0, line.length() - 65)).equals(parts[11])) {
            throw broken(-1, "the last entry does not match its own hash");
        }
        head = new Head(Long.parseLong(parts[1]), parts[11]);
        headStart = start;
        knownSize = end;
    }

    /** Reads on from what this instance knows (another node appended), or all again if the file shrank. */
    private void refresh(FileChannel channel) throws IOException {
        Scan scan = channel.size() > knownSize
                ? scan(channel, knownSize, head.sequence(), head.hash(), headStart, null)
                : scan(channel, 0, 0, ZERO_HASH, 0, null);
        cutAfter(channel, scan.complete());
        knownSize = scan.complete();
        headStart = scan.lastStart();
        head = new Head(scan.sequence(), scan.hash());
    }

    private void cutAfter(FileChannel channel, long complete) throws IOException {
        if (complete < channel.size()) {
            LOG.warn("Erasure ledger {}: cutting off {} bytes of an entry a crash left unfinished", file,
                    channel.size() - complete);
            channel.truncate(complete);
            channel.force(true);
        }
    }

    /** What a scan read: the last entry (sequence, hash, where it starts) and where the complete lines end. */
    private record Scan(long sequence, String hash, long lastStart, long complete) {
    }

    private static Mark mark(Scan scan) {
        return new Mark(scan.sequence(), scan.hash(), scan.sequence() == 0 ? 0 : scan.lastStart());
    }

    /** Reads and checks the lines from {@code from}, which follow entry {@code sequence} with hash {@code hash}. */
    private Scan scan(FileChannel channel, long from, long sequence, String hash, long lastStart,
                      Consumer<Entry> action) throws IOException {
        channel.position(from);
        BufferedReader reader = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8), 1 << 16);
        long expected = sequence;
        String previous = hash;
        long bytes = from;
        long start = lastStart;
        long size = channel.size();
        String line;
        while ((line = reader.readLine()) != null) {
            long lineBytes = utf8Length(line) + 1L;
            if (bytes + lineBytes > size) {
                break;
            }
            expected++;
            String[] parts = line.split("\\|", -1);
            if (parts.length != 12 || !VERSION.equals(parts[0])) {
                throw broken(expected, "malformed entry");
            }
            String body = line.substring(0, line.length() - 65);
            if (Long.parseLong(parts[1]) != expected || !parts[10].equals(previous)
                    || !sha256(body).equals(parts[11])) {
                throw broken(expected, "the hash chain does not link");
            }
            if (action != null) {
                action.accept(parse(parts));
            }
            previous = parts[11];
            start = bytes;
            bytes += lineBytes;
        }
        return new Scan(expected, previous, start, bytes);
    }

    /** The complete line starting at {@code start} (without its newline), or null if there is none below {@code size}. */
    private static String lineAt(FileChannel channel, long start, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_LINE, size - start));
        while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
            // read on
        }
        for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return new String(buffer.array(), 0, i, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Bytes of the text in UTF-8 (entries are ASCII but for what a rule id may hold). */
    private static int utf8Length(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return text.length();
    }

    /** The position of the last newline before {@code before}, or -1. */
    private static long lastNewlineBefore(FileChannel channel, long before) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long end = before;
        while (end > 0) {
            long start = Math.max(0, end - buffer.capacity());
            buffer.clear().limit((int) (end - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // read on
            }
            for (int i = buffer.position() - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return start + i;
                }
            }
            end = start;
        }
        return -1;
    }

    private IllegalStateException broken(long sequence, String rule) {
        return new IllegalStateException("erasure ledger " + file + " is broken at "
                + (sequence < 0 ? "its last entry" : "entry " + sequence) + ": " + rule
                + "; restore it from its copy before starting (docs/runbook.md)");
    }

    private static String body(long sequence, Entry entry, String previous) {
        return String.join("|", VERSION, Long.toString(sequence), entry.at().toString(), entry.kind().name(),
                text(entry.subjectId()), entry.dataClass() == null ? "-" : entry.dataClass().name(),
                Integer.toString(entry.keyVersion()), field(entry.kekId()), text(entry.sweepId()),
                entry.ruleId() == null ? "-" : field(entry.ruleId()), previous);
    }

    private static String field(String value) {
        if (value.isEmpty() || value.equals("-") || value.chars().anyMatch(c -> c == '|' || c < 0x20)) {
            throw new IllegalArgumentException("an erasure ledger field must be non-empty text without '|'");
        }
        return value;
    }

    private static String text(UUID id) {
        return id == null ? "-" : id.toString();
    }

    private static Entry parse(String[] parts) {
        return new Entry(Kind.valueOf(parts[3]), Instant.parse(parts[2]),
                parts[4].equals("-") ? null : UUID.fromString(parts[4]),
                parts[5].equals("-") ? null : DataClass.valueOf(parts[5]), Integer.parseInt(parts[6]), parts[7],
                parts[8].equals("-") ? null : UUID.fromString(parts[8]), parts[9].equals("-") ? null : parts[9]);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path existing(Path path) {
        Path candidate = path;
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate == null ? path.getRoot() : candidate;
    }
}
