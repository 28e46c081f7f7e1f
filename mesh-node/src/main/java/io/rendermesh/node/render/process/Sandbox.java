package io.rendermesh.node.render.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a renderer where it sees only the system's programs and libraries (read only), the job's
 * files (read only) and its scratch folder, with no network: bubblewrap (bwrap) in unprivileged
 * namespaces. A scene is untrusted input from a peer, and Debian's POV-Ray 3.7 does not enforce its
 * own File I/O Security settings, nor can Blender restrict what a .blend links to.
 * <p>
 * Inside, the renderer also has no capabilities (a node run as root would otherwise lend them all),
 * none of the node's environment (which may hold keys or tokens) but a short allow-list, and
 * limits on memory, file size and processes (prlimit, run inside the sandbox before the renderer).
 */
public final class Sandbox {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    /** What renderers need from /etc: library links and caches, fonts, POV-Ray's includes setup, time zone. */
    static final List<String> SYSTEM_READ_ONLY = List.of("/usr", "/etc/alternatives", "/etc/ld.so.cache", "/etc/fonts",
            "/etc/povray", "/etc/localtime");
    static final List<String> ROOT_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64");
    /** util-linux's prlimit (Debian: /usr/bin, always installed): sets the limits, then runs the renderer. */
    static final String PRLIMIT = "/usr/bin/prlimit";
    /** The environment every renderer gets; a renderer adds HOME, TMPDIR, thread counts (see {@link TwoPassRender}). */
    static final Map<String, String> BASE_ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");

    /**
     * What one renderer run may use. {@code processes} is RLIMIT_NPROC, counted per user over the
     * whole host (the node's own threads too), so it stops a fork bomb rather than sizing a renderer.
     *
     * @param addressSpaceBytes virtual memory of each process (RLIMIT_AS)
     * @param fileSizeBytes     the largest file it may write (RLIMIT_FSIZE)
     */
    public record Limits(long addressSpaceBytes, long fileSizeBytes, int processes) {
        static final long GB = 1L << 30;

        /**
         * The host's memory shared among the slots, but never under 4 GB: renderers reserve far more
         * address space than they touch (glibc keeps 64 MB of arena per thread).
         */
        public static Limits forHost(long physicalBytes, int slots) {
            return new Limits(Math.max(4 * GB, physicalBytes / Math.max(1, slots)), 4 * GB, 4096);
        }
    }

    private final String bwrap;
    private final Limits limits;
    /** The options every run shares: read once, not on every frame. */
    private final List<String> systemOptions;

    private Sandbox(String bwrap, Limits limits) {
        this.bwrap = bwrap;
        this.limits = limits;
        this.systemOptions = bwrap == null ? List.of() : systemOptions();
    }

    public static Sandbox none() {
        return new Sandbox(null, null);
    }

    /** bubblewrap if it is installed and this host lets it create namespaces; otherwise none, with a warning. */
    public static Sandbox detect(ProcessRunner runner, String bwrap, Limits limits) {
        Sandbox candidate = new Sandbox(bwrap, limits);
        boolean works = Probe.run(runner, dir -> candidate.wrap(List.of("/usr/bin/true"), List.of(), dir, Map.of()))
                .map(o -> o.exitCode() == 0).orElse(false);
        if (works) {
            log.info("external renderers run in a bubblewrap sandbox (job files read only, scratch folder writable, no network)");
            return candidate;
        }
        log.warn("bubblewrap (bwrap) is missing or not permitted here, so external renderers could read and write whatever this "
                + "node's user can. Install it (scripts/install-renderers) to confine them to each job's files.");
        return none();
    }

    private static List<String> systemOptions() {
        List<String> a = new ArrayList<>(List.of("--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--clearenv"));
        for (String dir : SYSTEM_READ_ONLY) {
            if (Files.exists(Path.of(dir))) a.addAll(List.of("--ro-bind", dir, dir));
        }
        for (String dir : ROOT_LINKS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (java.io.IOException e) {
                    log.debug("cannot read link {}: {}", dir, e.toString());
                }
            } else if (Files.isDirectory(p)) {
                a.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        return List.copyOf(a);
    }

    public boolean active() {
        return bwrap != null;
    }

    /**
     * {@code argv} to run with only the system, {@code readOnly} and {@code writable} visible, no
     * capabilities, the limits, and as environment only {@link #BASE_ENV} and {@code env}.
     */
    public List<String> wrap(List<String> argv, List<Path> readOnly, Path writable, Map<String, String> env) {
        if (bwrap == null) return argv;
        List<String> a = new ArrayList<>(List.of(bwrap));
        a.addAll(systemOptions);
        for (Path p : readOnly) a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        a.addAll(List.of("--bind", writable.toString(), writable.toString(), "--chdir", writable.toString()));
        Map<String, String> all = new TreeMap<>(BASE_ENV);
        all.putAll(env);
        all.forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
        a.addAll(List.of("--", PRLIMIT, "--as=" + limits.addressSpaceBytes(), "--fsize=" + limits.fileSizeBytes(),
                "--nproc=" + limits.processes(), "--"));
        a.addAll(argv);
        return a;
    }
}
