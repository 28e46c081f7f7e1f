package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * tcpdump on the loopback interface, limited to the given ports, writing a pcap file: what anyone
 * on the machine (or, for real meshes, on the LAN) could read of the mesh's traffic. Needs root.
 */
final class LoopbackCapture implements AutoCloseable {
    private final Process process;
    private final Path file;
    private final Path log;

    private LoopbackCapture(Process process, Path file, Path log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /** Starts tcpdump and returns once it is listening (bounded). */
    static LoopbackCapture start(Path file, List<Integer> ports) throws IOException, InterruptedException {
        String filter = ports.stream().map(p -> "port " + p).collect(Collectors.joining(" or "));
        // -Z root: tcpdump would otherwise drop to its own user, who may not write under target/
        Process p = new ProcessBuilder("tcpdump", "-i", "lo", "-n", "-U", "-Z", "root", "-s", "0", "-w", file.toString(), filter)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path log = file.resolveSibling(file.getFileName() + ".log");
        AtomicBoolean listening = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream()));
                 var out = Files.newBufferedWriter(log)) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.contains("listening on")) listening.set(true);
                }
            } catch (IOException ignored) {
                // tcpdump ended
            }
        }, "tcpdump-stderr");
        reader.setDaemon(true);
        reader.start();
        LoopbackCapture capture = new LoopbackCapture(p, file, log);
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> listening.get() || !p.isAlive());
        } catch (RuntimeException e) {
            capture.close();
            throw e;
        }
        if (!listening.get()) {
            capture.close();
            throw new IllegalStateException("tcpdump did not start: " + Files.readString(log));
        }
        return capture;
    }

    /**
     * Stops the capture and returns every byte it wrote. tcpdump drops what the kernel still holds
     * for it when it is stopped, so first a sentinel goes to {@code capturedPort} (any listener on
     * one of the captured ports) and the capture runs until the sentinel is in the file: every
     * packet before it is then written too.
     */
    byte[] stopAndRead(int capturedPort) throws Exception {
        byte[] sentinel = ("rmcapture-end-" + System.nanoTime() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), capturedPort)) {
            s.getOutputStream().write(sentinel);
            s.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> io.rendermesh.node.testkit.Bytes.contains(Files.readAllBytes(file), sentinel));
        }
        close();
        return Files.readAllBytes(file);
    }


    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    Path log() {
        return log;
    }
}
