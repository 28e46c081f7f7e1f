package io.rendermesh.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How fast a job's files move between nodes: a bundle with one large file is submitted to node 0,
 * and a job that only node 1 may render (tag "far") makes node 1 fetch it, chunked and verified.
 * Compared in the same run with copying the same bytes over a plain loopback TCP socket into a
 * file. The mesh figure also includes scheduling the job, verifying the blob's SHA-256 and one
 * 1 ms frame; a 1 MB job measured first gives that fixed part, reported beside the net rate.
 * Goal: mesh rate / socket rate ≥ 0.8.  Usage: scripts/bench transfer [megabytes=200]
 */
public final class BundleTransferBench {
    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path file = Files.createTempFile("rendermesh-bundle", ".bin");
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block); // incompressible, like textures in image formats
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mb; i++) out.write(block);
        }
        double socket = socketCopySeconds(file);
        try (LocalMesh m = new LocalMesh(List.of(List.of(), List.of("--tags", "far")))) {
            Path small = Files.createTempFile("rendermesh-small", ".bin");
            Files.write(small, java.util.Arrays.copyOf(block, 1 << 20));
            double fixed = fetchJobSeconds(m, small);
            Files.delete(small);
            double meshSeconds = fetchJobSeconds(m, file);
            double socketRate = mb / socket;
            double meshRate = mb / meshSeconds;
            double netRate = mb / Math.max(1e-3, meshSeconds - fixed);
            System.out.printf("%d MB: loopback socket into a file %.2f s (%.0f MB/s); node to node %.2f s (%.0f MB/s) of which"
                    + " %.2f s is what a 1 MB job takes (scheduling, one frame), leaving %.0f MB/s for the bytes%n",
                    mb, socket, socketRate, meshSeconds, meshRate, fixed, netRate);
            System.out.printf("ratio mesh/socket rate: %.2f whole job, %.2f transfer alone (goal >= 0.8)%n", meshRate / socketRate,
                    netRate / socketRate);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Seconds from a job's submission being stored on node 0 to the job done on node 1, which must fetch the file. */
    static double fetchJobSeconds(LocalMesh m, Path file) throws Exception {
        String profile = "{\"name\":\"transfer\",\"scene\":\"big.bin\",\"renderer\":\"synthetic\",\"frames\":\"1\",\"width\":16,"
                + "\"height\":16,\"samples\":1,\"requirements\":{\"tags\":[\"far\"]},\"params\":{\"frameMillis\":1,\"passes\":1}}";
        String id = m.submitFiles(0, profile, Map.of("big.bin", file));
        long t0 = System.nanoTime(); // the upload to node 0 is done: from here it is node 1 fetching
        String state = m.awaitEnd(0, id, Duration.ofMinutes(10));
        if (!state.equals("done")) throw new IllegalStateException("transfer job ended " + state);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Copies the file through a loopback socket into a new file, as `nc host port > copy` would. */
    static double socketCopySeconds(Path file) throws Exception {
        Path copy = Files.createTempFile("rendermesh-socket-copy", ".bin");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = Files.newOutputStream(copy)) {
                    in.transferTo(out);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            reader.start();
            long t0 = System.nanoTime();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 InputStream in = Files.newInputStream(file); OutputStream out = s.getOutputStream()) {
                in.transferTo(out);
            }
            reader.join(60_000);
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
