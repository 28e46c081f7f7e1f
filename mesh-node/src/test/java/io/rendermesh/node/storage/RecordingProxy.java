package io.rendermesh.node.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP proxy on loopback that forwards to a target and records every byte it carries, both ways: a wiretap for tests. */
final class RecordingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

    RecordingProxy(InetSocketAddress target) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(target.getAddress(), target.getPort());
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "recording-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    byte[] recorded() {
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (recorded) {
                        recorded.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "recording-proxy-pump");
        t.setDaemon(true);
        t.start();
    }


    @Override
    public void close() throws IOException {
        server.close();
    }
}
