package io.rendermesh.bench;

import io.rendermesh.cli.NodeLauncher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first node of a mesh as `rendermesh node --local` starts it: time from the process start
 * to its ready line, and its resident memory after idling. Side by side, alternating: with the JVM
 * options the launcher passes ({@link NodeLauncher#JVM_OPTIONS}) and with plain `java -jar`.
 * Goals: ready <= 2 s, idle RSS <= 150 MB. Args: rounds (3), idle seconds before the RSS reading (15).
 */
public final class StartupBench {
    record Reading(long readyMillis, long rssKb) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path jar = Path.of("web-ui/target/rendermesh.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no " + jar + ": build first");
        List<Reading> tuned = new ArrayList<>();
        List<Reading> plain = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Reading t = measure(jar, NodeLauncher.JVM_OPTIONS, idle);
            Reading p = measure(jar, List.of(), idle);
            tuned.add(t);
            plain.add(p);
            System.out.printf("round %d: launcher options ready %,d ms, idle RSS %,d MB | plain java -jar ready %,d ms, idle RSS %,d MB%n",
                    r, t.readyMillis(), t.rssKb() / 1024, p.readyMillis(), p.rssKb() / 1024);
        }
        Reading t = median(tuned);
        Reading p = median(plain);
        System.out.printf("median: ready %,d ms (goal <= 2,000; plain %,d ms, ratio %.2f), idle RSS %,d MB (goal <= 150; plain %,d MB, ratio %.2f)%n",
                t.readyMillis(), p.readyMillis(), (double) t.readyMillis() / p.readyMillis(), t.rssKb() / 1024, p.rssKb() / 1024,
                (double) t.rssKb() / p.rssKb());
        System.out.println("launcher options: " + String.join(" ", NodeLauncher.JVM_OPTIONS));
    }

    private static Reading median(List<Reading> readings) {
        long[] ready = readings.stream().mapToLong(Reading::readyMillis).sorted().toArray();
        long[] rss = readings.stream().mapToLong(Reading::rssKb).sorted().toArray();
        return new Reading(ready[ready.length / 2], rss[rss.length / 2]);
    }

    private static Reading measure(Path jar, List<String> jvmOptions, int idleSeconds) throws Exception {
        Path data = Files.createTempDirectory("rendermesh-startup-");
        int port = NodeLauncher.freeMeshPort(List.of());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "node", "--local", "--name", "startup", "--data-dir", data.toString(),
                "--mesh-port", Integer.toString(port), "--web-port", "0"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // not closed here: the drain thread below reads it until the process ends
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            long ready = -1;
            for (int lines = 0; lines < 10_000 && ready < 0; lines++) {
                String line = out.readLine();
                if (line == null) throw new IllegalStateException("the node exited before it was ready");
                if (line.contains("rendermesh node startup ready")) ready = (System.nanoTime() - t0) / 1_000_000;
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // the node's log, not needed here
                    }
                } catch (java.io.IOException ended) {
                    // the process ended
                }
            }, "drain");
            drain.setDaemon(true);
            drain.start();
            TimeUnit.SECONDS.sleep(idleSeconds);
            long rss = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1);
            return new Reading(ready, rss);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            io.rendermesh.node.storage.Folders.deleteTree(data);
        }
    }
}
