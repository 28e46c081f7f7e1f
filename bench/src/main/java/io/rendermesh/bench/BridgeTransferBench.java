package io.rendermesh.bench;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.api.NodeApi.UploadedFile;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.sites.SiteFileStreams;
import io.rendermesh.node.storage.FileBlobStore;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Job files across the bridge. (1) The file stream a home gateway serves to another site's master
 * (encrypted under the site's file key, written to the blob store and checked by its hash) against
 * a plain copy of the same file through a loopback socket into a file on the same disk (sendfile
 * out, no cipher, no hash), alternating rounds in one run, medians
 * (goal: stream >= 0.8 of the socket). (2) For the whole path: a job whose bundle holds the file
 * overflows from site a (its one slot busy) to site b; submission to frame home.
 * On raw loopback both are bound by these two cores (the stream ciphers, hashes and stores every
 * byte); scripts/bench runs it again on a link shaped to 1 Gbit/s, as between offices at best.
 * Usage: scripts/bench bridge-transfer [MB] [rounds] [link label]
 */
public final class BridgeTransferBench {

    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String link = args.length > 2 ? args[2] : null;
        byte[] file = new byte[mb << 20];
        new Random(1).nextBytes(file);
        Path dir = Files.createTempDirectory("bridge-transfer");
        FileBlobStore home = new FileBlobStore(dir.resolve("home"));
        String sha = home.put(new ByteArrayInputStream(file), Long.MAX_VALUE);
        MeshKey siteKey = MeshKey.generate();
        List<Double> socket = new ArrayList<>();
        List<Double> stream = new ArrayList<>();
        try (SiteFileStreams gateway = new SiteFileStreams(home, InetAddress.getLoopbackAddress(), siteKey)) {
            String endpoint = gateway.serve(s -> s.equals(sha) ? home.path(s) : Optional.empty(), 0);
            for (int r = 0; r < rounds; r++) {
                socket.add(socketCopySeconds(home.path(sha).orElseThrow(), dir.resolve("copy")));
                FileBlobStore other = new FileBlobStore(dir.resolve("other-" + r));
                SiteFileStreams master = new SiteFileStreams(other, InetAddress.getLoopbackAddress(), siteKey);
                long start = System.nanoTime();
                master.fetch(endpoint, new BundleEntry("data/big.bin", sha, file.length), dir.resolve("parts"));
                stream.add((System.nanoTime() - start) / 1e9);
                if (!other.has(sha)) throw new IllegalStateException("the file did not arrive");
                Files.delete(other.path(sha).orElseThrow());
            }
        }
        double s = median(socket);
        double b = median(stream);
        System.out.printf("job files across the bridge: %d MB, %d rounds, medians, %s%n", mb, rounds,
                link == null ? "raw loopback" : link);
        System.out.printf("  plain copy, file to loopback socket to file: %.3f s (%.0f MB/s)%n", s, mb / s);
        System.out.printf("  gateway file stream, encrypted, stored and hash-checked: %.3f s (%.0f MB/s)%n", b, mb / b);
        System.out.printf("  ratio stream/socket throughput: %.2f (goal >= 0.80)%n", s / b);
        if (link == null) System.out.printf("  whole overflow job with the file, submission to frame home: %.3f s%n", overflowSeconds(file));
    }

    /** Site a (one node, its slot busy) sends a job with the file to site b; seconds from submission to done. */
    private static double overflowSeconds(byte[] file) throws Exception {
        try (TwoSiteMesh sites = new TwoSiteMesh(1)) {
            MeshNode a1 = sites.siteA();
            a1.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1\","
                    + "\"params\":{\"frameMillis\":120000,\"passes\":2}}"), List.of());
            byte[] scene = "{\"camera\":{\"position\":[0,1,4]},\"materials\":{\"l\":{\"type\":\"emissive\"}},\"objects\":[{\"type\":\"sphere\",\"center\":[0,0.5,0],\"material\":\"l\"}]}".getBytes();
            long start = System.nanoTime();
            String id = a1.api().submit(JobProfileJson.parse("{\"scene\":\"scene.json\",\"renderer\":\"builtin\",\"frames\":\"1\","
                    + "\"width\":16,\"height\":9,\"samples\":1,\"allowRemote\":true}"), List.of(
                    new UploadedFile("scene.json", () -> new ByteArrayInputStream(scene)),
                    new UploadedFile("data/big.bin", () -> new ByteArrayInputStream(file))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (a1.api().job(id).state() != JobState.DONE) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("job did not finish: " + a1.api().job(id).frames());
                Thread.sleep(20);
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The plain copy: the file through a loopback socket into a file on the same disk (sendfile out, a direct buffer in). */
    private static double socketCopySeconds(Path source, Path target) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread sender = new Thread(() -> {
                try (SocketChannel s = server.accept(); FileChannel in = FileChannel.open(source)) {
                    for (long pos = 0, size = in.size(); pos < size; ) pos += in.transferTo(pos, size - pos, s);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            sender.start();
            try (SocketChannel s = SocketChannel.open(server.getLocalAddress());
                 FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
                while (s.read(buf.clear()) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) out.write(buf);
                }
            }
            sender.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (Files.size(target) != Files.size(source)) throw new IllegalStateException("short copy");
            Files.delete(target);
            return seconds;
        }
    }
}
