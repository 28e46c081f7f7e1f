package io.rendermesh.bench;

import io.rendermesh.cli.NodeLauncher;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.membership.MeshStackChannels;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;

/**
 * What the mesh key costs: two JGroups channels on the node's own TCP stack over loopback, once
 * in clear (a keyless mesh) and once with SYM_ENCRYPT under a mesh key, measured in alternating
 * rounds in one run so both see the same machine. (1) Throughput, messages/s one way: sample-sized
 * payloads (20 KB) and small control messages (100 B). (2) Round-trip latency of a 20 KB message
 * echoed back, p50 and p99. Goal: encrypted/clear throughput >= 0.8.
 * Usage: scripts/bench encryption [rounds] (it runs a second time on loopback shaped to 1 Gbit/s,
 * as on an office LAN, when it can make a network namespace).
 */
public final class EncryptionBench {
    static final int SAMPLE_BYTES = 20 * 1024;
    static final int CONTROL_BYTES = 100;
    static final int SAMPLE_MESSAGES = 5_000;
    static final int CONTROL_MESSAGES = 50_000;
    static final int ROUND_TRIPS = 2_000;

    /** The two ends of one mesh of two, with what b has received. */
    static final class Pair implements AutoCloseable {
        final JChannel a;
        final JChannel b;
        volatile CountDownLatch expected = new CountDownLatch(0);
        final SynchronousQueue<Long> echoes = new SynchronousQueue<>();

        Pair(MeshKey key) throws Exception {
            List<Integer> ports = new ArrayList<>();
            ports.add(NodeLauncher.freeMeshPort(ports));
            ports.add(NodeLauncher.freeMeshPort(ports));
            InetAddress lo = InetAddress.getLoopbackAddress();
            List<InetSocketAddress> seeds = ports.stream().map(p -> new InetSocketAddress(lo, p)).toList();
            String mesh = "bench-" + (key == null ? "clear" : "encrypted") + "-" + System.nanoTime();
            a = MeshStackChannels.tcp("a", lo, ports.get(0), seeds, key, mesh);
            b = MeshStackChannels.tcp("b", lo, ports.get(1), seeds, key, mesh);
            // b counts one-way messages and echoes the ones marked for a round trip
            b.setReceiver(new Receiver() {
                @Override
                public void receive(Message msg) {
                    byte[] p = msg.getArray();
                    if (p[0] == 1) {
                        try {
                            b.send(new BytesMessage(msg.getSrc(), msg.getArray(), msg.getOffset(), msg.getLength()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    } else {
                        expected.countDown();
                    }
                }
            });
            a.setReceiver(new Receiver() {
                @Override
                public void receive(Message msg) {
                    try {
                        echoes.put(System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            a.connect(mesh);
            b.connect(mesh);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (a.getView().size() < 2 || b.getView().size() < 2) {
                if (System.nanoTime() > until) throw new IllegalStateException("the two channels did not form a mesh: " + a.getView());
                Thread.sleep(20);
            }
        }

        /**
         * Sends {@code count} messages of {@code size} bytes from a to b; returns messages/s until b
         * has them all, and the CPU time the process spent per message (both ends live here).
         */
        Throughput throughput(int size, int count) throws Exception {
            byte[] payload = payload(size, (byte) 0);
            Address dest = b.getAddress();
            CountDownLatch done = new CountDownLatch(count);
            expected = done;
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) a.send(new BytesMessage(dest, payload));
            if (!done.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("b received " + (count - done.getCount()) + " of " + count);
            return new Throughput(count / ((System.nanoTime() - start) / 1e9), (processCpuNanos() - cpu) / 1e3 / count);
        }

        /** Round trips of a {@code size}-byte message, in microseconds. */
        List<Long> roundTrips(int size, int count) throws Exception {
            byte[] payload = payload(size, (byte) 1);
            Address dest = b.getAddress();
            List<Long> micros = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                a.send(new BytesMessage(dest, payload));
                Long back = echoes.poll(10, TimeUnit.SECONDS);
                if (back == null) throw new IllegalStateException("no echo within 10 s");
                micros.add((back - start) / 1_000);
            }
            return micros;
        }

        @Override
        public void close() {
            // leave first, so neither end suspects the other on its way out
            a.disconnect();
            b.disconnect();
            b.close();
            a.close();
        }
    }

    /** One throughput run: wall-clock rate, and CPU microseconds per message (what a busy machine has to give). */
    record Throughput(double perSecond, double cpuMicros) {
    }

    record Figures(List<Throughput> samples, List<Throughput> controls, List<Long> roundTrips) {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        String link = args.length > 1 ? args[1] : "loopback, unshaped";
        MeshKey key = MeshKey.generate();
        Figures clear = new Figures(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Figures encrypted = new Figures(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (Pair c = new Pair(null); Pair e = new Pair(key)) {
            // warm-up, a full round each: JIT, connections, flow-control credits
            for (Pair p : List.of(c, e)) {
                p.throughput(SAMPLE_BYTES, SAMPLE_MESSAGES);
                p.throughput(CONTROL_BYTES, CONTROL_MESSAGES);
                p.roundTrips(SAMPLE_BYTES, ROUND_TRIPS);
            }
            for (int r = 0; r < rounds; r++) {
                // alternate, so a burst of load from elsewhere on the machine hits both modes alike
                for (Pair p : r % 2 == 0 ? List.of(c, e) : List.of(e, c)) {
                    Figures f = p == c ? clear : encrypted;
                    Throughput samples = p.throughput(SAMPLE_BYTES, SAMPLE_MESSAGES);
                    Throughput controls = p.throughput(CONTROL_BYTES, CONTROL_MESSAGES);
                    List<Long> trips = p.roundTrips(SAMPLE_BYTES, ROUND_TRIPS);
                    f.samples.add(samples);
                    f.controls.add(controls);
                    f.roundTrips.addAll(trips);
                    System.out.printf("round %d %-9s: 20 KB %7.0f msg/s (%6.1f us CPU each), 100 B %8.0f msg/s (%5.1f us CPU each), "
                            + "round trip p50 %.3f ms%n", r + 1, p == c ? "clear" : "encrypted", samples.perSecond, samples.cpuMicros,
                            controls.perSecond, controls.cpuMicros, percentile(trips, 0.5) / 1000.0);
                }
            }
        }
        System.out.printf("mesh encryption cost, two channels on the node's TCP stack (link: %s), %d rounds (median per mode)%n", link, rounds);
        System.out.printf("%-40s %12s %12s %10s%n", "", "clear", "encrypted", "enc/clear");
        row("20 KB samples, messages/s", median(clear.samples, Throughput::perSecond), median(encrypted.samples, Throughput::perSecond));
        row("100 B control messages, messages/s", median(clear.controls, Throughput::perSecond), median(encrypted.controls, Throughput::perSecond));
        // on a shared machine wall-clock rates swing with the neighbours' load; CPU per message does not
        row("20 KB samples, CPU us per message", median(clear.samples, Throughput::cpuMicros), median(encrypted.samples, Throughput::cpuMicros));
        row("100 B control, CPU us per message", median(clear.controls, Throughput::cpuMicros), median(encrypted.controls, Throughput::cpuMicros));
        latency("20 KB round trip p50, ms", clear.roundTrips, encrypted.roundTrips, 0.50);
        latency("20 KB round trip p99, ms", clear.roundTrips, encrypted.roundTrips, 0.99);
        double wall = Math.min(median(encrypted.samples, Throughput::perSecond) / median(clear.samples, Throughput::perSecond),
                median(encrypted.controls, Throughput::perSecond) / median(clear.controls, Throughput::perSecond));
        double cpu = Math.min(median(clear.samples, Throughput::cpuMicros) / median(encrypted.samples, Throughput::cpuMicros),
                median(clear.controls, Throughput::cpuMicros) / median(encrypted.controls, Throughput::cpuMicros));
        System.out.printf("throughput ratio encrypted/clear, wall clock (lower of the two sizes): %.2f (goal >= 0.80: %s)%n", wall, wall >= 0.8 ? "met" : "NOT met");
        System.out.printf("throughput ratio encrypted/clear, CPU-bound (clear CPU / encrypted CPU per message, lower of the two): %.2f (goal >= 0.80: %s)%n",
                cpu, cpu >= 0.8 ? "met" : "NOT met");
    }

    private static byte[] payload(int size, byte kind) {
        byte[] p = new byte[size];
        new Random(size).nextBytes(p);
        p[0] = kind;
        return p;
    }

    private static void row(String what, double clear, double encrypted) {
        System.out.printf("%-40s %12.1f %12.1f %10.2f%n", what, clear, encrypted, encrypted / clear);
    }

    private static void latency(String what, List<Long> clear, List<Long> encrypted, double q) {
        double c = percentile(clear, q) / 1000.0;
        double e = percentile(encrypted, q) / 1000.0;
        System.out.printf("%-40s %12.3f %12.3f %10.2f%n", what, c, e, e / c);
    }

    static double median(List<Throughput> runs, java.util.function.ToDoubleFunction<Throughput> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        return v[v.length / 2];
    }

    static long percentile(List<Long> values, double q) {
        List<Long> v = new ArrayList<>(values);
        Collections.sort(v);
        return v.get(Math.min(v.size() - 1, (int) Math.ceil(v.size() * q) - 1));
    }
}
