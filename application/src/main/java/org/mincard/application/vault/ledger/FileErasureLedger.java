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

    /** File locks belong to the whole JVM: two ledgers on one file in one JVM (two contexts) take turns here first. */
    private static final ConcurrentMap<Path, ReentrantLock> IN_JVM =
            new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock inJvm;
    private long knownSize;
    private Head head;

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
                refresh(channel);
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
            for (Entry entry : entries) {
                sequence++;
                String body = body(sequence, entry, previous);
                String hash = sha256(body);
                text.append(body).append('|').append(hash).append('\n');
                previous = hash;
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            long position = knownSize;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(true);
            knownSize = position;
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
        read(action);
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** Re-reads and checks the whole file under the caller's lock; cuts off a torn last line. */
    private void refresh(FileChannel channel) throws IOException {
        long[] complete = {0};
        Head read = read(null, channel, complete);
        if (complete[0] < channel.size()) {
            LOG.warn("Erasure ledger {}: cutting off {} bytes of an entry a crash left unfinished", file,
                    channel.size() - complete[0]);
            channel.truncate(complete[0]);
            channel.force(true);
        }
        knownSize = complete[0];
        head = read;
    }

    private Head read(Consumer<Entry> action) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(action, channel, new long[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure ledger " + file, e);
        }
    }

    private Head read(Consumer<Entry> action, FileChannel channel, long[] completeBytes) throws IOException {
        channel.position(0);
        BufferedReader reader = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8), 1 << 16);
        long expected = 0;
        String previous = ZERO_HASH;
        long bytes = 0;
        long size = channel.size();
        String line;
        while ((line = reader.readLine()) != null) {
            long lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1L;
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
            bytes += lineBytes;
        }
        completeBytes[0] = bytes;
        return new Head(expected, previous);
    }

    private IllegalStateException broken(long sequence, String rule) {
        return new IllegalStateException("erasure ledger " + file + " is broken at entry " + sequence + ": " + rule
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
