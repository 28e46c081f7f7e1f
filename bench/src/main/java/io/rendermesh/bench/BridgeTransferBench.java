package io.rendermesh.bench;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.api.NodeApi.UploadedFile;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Job files across the bridge: a job whose bundle holds a 64 MB file overflows from site a (its one
 * slot busy) to site b, which fetches the file through the bridge before it renders. Its time from
 * submission to done (the render itself is a 16x9 frame) against a plain loopback socket copy of the
 * same bytes, in one run (goal: bridge >= 0.8 of the socket). Usage: scripts/bench bridge-transfer
 */
public final class BridgeTransferBench {
    static final int MB = 64;

    public static void main(String[] args) throws Exception {
        byte[] file = new byte[MB << 20];
        new Random(1).nextBytes(file);
        double socket = socketCopySeconds(file);
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
            double bridge = (System.nanoTime() - start) / 1e9;
            System.out.printf("job files across the bridge: %d MB%n", MB);
            System.out.printf("  loopback socket copy: %.3f s (%.0f MB/s)%n", socket, MB / socket);
            System.out.printf("  through the bridge, submission to frame home: %.3f s (%.0f MB/s)%n", bridge, MB / bridge);
            System.out.printf("  ratio bridge/socket throughput: %.2f (goal >= 0.80)%n", socket / bridge);
        }
    }

    private static double socketCopySeconds(byte[] data) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread sender = new Thread(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            sender.start();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()); InputStream in = s.getInputStream()) {
                byte[] buf = new byte[1 << 20];
                long got = 0;
                int n;
                while ((n = in.read(buf)) > 0) got += n;
                if (got != data.length) throw new IllegalStateException("short copy");
            }
            sender.join();
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
