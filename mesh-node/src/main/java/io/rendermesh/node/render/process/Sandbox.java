package io.rendermesh.node.render.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a renderer where it sees only the system's programs and libraries (read only), the job's
 * files (read only) and its scratch folder, with no network: bubblewrap (bwrap) in unprivileged
 * namespaces. A scene is untrusted input from a peer, and Debian's POV-Ray 3.7 does not enforce its
 * own File I/O Security settings, nor can Blender restrict what a .blend links to.
 */
public final class Sandbox {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    /** What renderers need from /etc: library links and caches, fonts, POV-Ray's includes setup, time zone. */
    static final List<String> SYSTEM_READ_ONLY = List.of("/usr", "/etc/alternatives", "/etc/ld.so.cache", "/etc/fonts",
            "/etc/povray", "/etc/localtime");
    static final List<String> ROOT_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64");
    private final String bwrap;
    /** The options every run shares: read once, not on every frame. */
    private final List<String> systemOptions;

    private Sandbox(String bwrap) {
        this.bwrap = bwrap;
        this.systemOptions = bwrap == null ? List.of() : systemOptions();
    }

    public static Sandbox none() {
        return new Sandbox(null);
    }

    /** bubblewrap if it is installed and this host lets it create namespaces; otherwise none, with a warning. */
    public static Sandbox detect(ProcessRunner runner, String bwrap) {
        Sandbox candidate = new Sandbox(bwrap);
        boolean works = Probe.run(runner, dir -> candidate.wrap(List.of("/usr/bin/true"), List.of(), dir))
                .map(o -> o.exitCode() == 0).orElse(false);
        if (works) {
            log.info("external renderers run in a bubblewrap sandbox (job files read only, scratch folder writable, no network)");
            return candidate;
        }
        log.warn("bubblewrap (bwrap) is missing or not permitted here: external renderers can read and write whatever this node's "
                + "user can. Install it (scripts/install-renderers) to confine them to each job's files.");
        return none();
    }

    private static List<String> systemOptions() {
        List<String> a = new ArrayList<>(List.of("--unshare-all", "--die-with-parent", "--new-session"));
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

    /** {@code argv} to run with only the system, {@code readOnly} and {@code writable} visible. */
    public List<String> wrap(List<String> argv, List<Path> readOnly, Path writable) {
        if (bwrap == null) return argv;
        List<String> a = new ArrayList<>(List.of(bwrap));
        a.addAll(systemOptions);
        for (Path p : readOnly) a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        a.addAll(List.of("--bind", writable.toString(), writable.toString(), "--chdir", writable.toString(), "--"));
        a.addAll(argv);
        return a;
    }
}
