package io.rendermesh.node.storage;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A socket channel in non-blocking mode with a selector, so every read and write has a time
 * limit: a blocking socket only times out reads (SoTimeout), and a blocking write or sendfile to a
 * peer that never reads waits forever, holding one of the stream's few slots.
 */
final class TimedChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;

    TimedChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        // a record's last segment would otherwise wait for the peer's delayed acknowledgement
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
    }

    static long deadlineIn(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Fills {@code buf} completely before {@code deadlineNanos} (a {@link System#nanoTime()} value). */
    void readFully(ByteBuffer buf, long deadlineNanos) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) throw new EOFException("the peer closed the stream");
            if (n == 0) await(SelectionKey.OP_READ, deadlineNanos);
        }
    }

    /** Fills {@code buf}, giving up when the peer sends nothing for {@code stallMillis}. */
    void readFullyStalling(ByteBuffer buf, long stallMillis) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) throw new EOFException("the peer closed the stream");
            if (n == 0) await(SelectionKey.OP_READ, deadlineIn(stallMillis));
        }
    }

    /** Reads at least one byte into {@code buf}, giving up when the peer sends nothing for {@code stallMillis}. */
    void readSome(ByteBuffer buf, long stallMillis) throws IOException {
        while (true) {
            int n = channel.read(buf);
            if (n < 0) throw new EOFException("the peer closed the stream");
            if (n > 0) return;
            await(SelectionKey.OP_READ, deadlineIn(stallMillis));
        }
    }

    /** Writes all of {@code buf}, giving up when the peer takes nothing for {@code stallMillis}. */
    void writeFully(ByteBuffer buf, long stallMillis) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) await(SelectionKey.OP_WRITE, deadlineIn(stallMillis));
        }
    }

    /** Sends the file's bytes [pos, end) with the kernel's zero-copy transfer, with the same stall limit. */
    void sendFile(FileChannel file, long pos, long end, long stallMillis) throws IOException {
        while (pos < end) {
            long n = file.transferTo(pos, end - pos, channel);
            if (n == 0) await(SelectionKey.OP_WRITE, deadlineIn(stallMillis));
            pos += n;
        }
    }

    private void await(int op, long deadlineNanos) throws IOException {
        key.interestOps(op);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) throw new SocketTimeoutException("the peer made no progress in time");
            if (selector.select(left) > 0) {
                selector.selectedKeys().clear();
                return;
            }
            if (Thread.currentThread().isInterrupted()) throw new java.io.InterruptedIOException("closing");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
