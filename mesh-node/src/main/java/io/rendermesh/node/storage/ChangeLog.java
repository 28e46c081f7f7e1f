package io.rendermesh.node.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only file of entries, each {@code [length][crc32c][bytes]} and synced before the
 * append returns. A crash mid-append leaves a torn last entry: reading stops there and says so,
 * and {@link #repair} cuts it off before the next append.
 */
final class ChangeLog {
    static final int MAX_ENTRY = 64 << 20;

    /** What a log holds: its whole entries, and whether anything after them had to be dropped. */
    record Contents(List<byte[]> entries, long validBytes, boolean torn) {
    }

    private ChangeLog() {
    }

    /** Appends one entry; returns the log's size after it. */
    static long append(Path log, byte[] entry) throws IOException {
        Files.createDirectories(log.getParent());
        boolean fresh = !Files.exists(log);
        try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long end = out.size();
            CRC32C crc = new CRC32C();
            crc.update(entry);
            ByteBuffer b = ByteBuffer.allocate(8 + entry.length).putInt(entry.length).putInt((int) crc.getValue()).put(entry).flip();
            long at = end;
            try {
                while (b.hasRemaining()) at += out.write(b, at);
                out.force(false);
            } catch (IOException e) {
                // a full disk stops a write half way: cut it off, or every later entry would follow garbage
                out.truncate(end);
                throw e;
            }
            if (fresh) AtomicFiles.syncFolder(log.getParent());
            return at;
        }
    }

    /** Cuts a torn tail off, so that appends follow the last whole entry. */
    static void repair(Path log, Contents c) throws IOException {
        try (FileChannel f = FileChannel.open(log, StandardOpenOption.WRITE)) {
            f.truncate(c.validBytes());
            f.force(false);
        }
    }

    static Contents read(Path log) throws IOException {
        if (!Files.exists(log)) return new Contents(List.of(), 0, false);
        List<byte[]> entries = new ArrayList<>();
        try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = in.size();
            long pos = 0;
            ByteBuffer head = ByteBuffer.allocate(8);
            while (pos < size) {
                head.clear();
                if (in.read(head, pos) < 8) return new Contents(entries, pos, true);
                int length = head.getInt(0);
                int crc = head.getInt(4);
                if (length < 0 || length > MAX_ENTRY || pos + 8 + length > size) return new Contents(entries, pos, true);
                ByteBuffer body = ByteBuffer.allocate(length);
                while (body.hasRemaining() && in.read(body, pos + 8 + body.position()) > 0) {
                    // reads until full; the size check above guarantees it gets there
                }
                CRC32C check = new CRC32C();
                check.update(body.array());
                if ((int) check.getValue() != crc) return new Contents(entries, pos, true);
                entries.add(body.array());
                pos += 8 + length;
            }
            return new Contents(entries, pos, false);
        }
    }
}
