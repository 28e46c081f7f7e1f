package io.rendermesh.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two hosts on one machine for end-to-end tests: network namespaces joined by a veth pair, with
 * multicast routed (mDNS works between them). Names are unique to the test run; {@link #close}
 * removes them, also after a failure.
 */
public final class Netns implements AutoCloseable {
    static final String ADDR_A = "169.254.78.1";
    static final String ADDR_B = "169.254.78.2";
    final String a;
    final String b;

    private Netns(String suffix) {
        this.a = "rmeA" + suffix;
        this.b = "rmeB" + suffix;
    }

    public static boolean available() {
        return "root".equals(System.getProperty("user.name")) && run(List.of("ip", "netns", "list")) == 0;
    }

    static Netns create() {
        Netns n = new Netns(Long.toString(ProcessHandle.current().pid() % 100_000));
        n.close();
        String va = "rmea" + n.a.substring(4);
        String vb = "rmeb" + n.b.substring(4);
        for (List<String> cmd : List.of(
                List.of("ip", "netns", "add", n.a), List.of("ip", "netns", "add", n.b),
                List.of("ip", "link", "add", va, "type", "veth", "peer", "name", vb),
                List.of("ip", "link", "set", va, "netns", n.a), List.of("ip", "link", "set", vb, "netns", n.b),
                List.of("ip", "-n", n.a, "addr", "add", ADDR_A + "/24", "dev", va),
                List.of("ip", "-n", n.b, "addr", "add", ADDR_B + "/24", "dev", vb),
                List.of("ip", "-n", n.a, "link", "set", va, "up", "multicast", "on"),
                List.of("ip", "-n", n.b, "link", "set", vb, "up", "multicast", "on"),
                List.of("ip", "-n", n.a, "link", "set", "lo", "up"), List.of("ip", "-n", n.b, "link", "set", "lo", "up"),
                List.of("ip", "-n", n.a, "route", "add", "224.0.0.0/4", "dev", va),
                List.of("ip", "-n", n.b, "route", "add", "224.0.0.0/4", "dev", vb))) {
            if (run(cmd) != 0) {
                n.close();
                throw new IllegalStateException("failed: " + cmd);
            }
        }
        return n;
    }

    /** A `rendermesh` command line run "on" host {@code ns}, its output (stdout and stderr) to {@code log}. */
    static Process rendermesh(String ns, Path log, String... args) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, NodeProcess.javaBin(), "-jar",
                NodeProcess.jar().toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs a command (output discarded), at most 20 s; its exit code, -1 when it could not run or finish. */
    public static int run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", a));
        run(List.of("ip", "netns", "del", b));
    }
}
