package io.rendermesh.node.render.process;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One run of an external renderer: its output split into lines at '\n' or '\r' (progress counters
 * rewrite one line with carriage returns), each line handed to a parser, and the process tree
 * killed when the frame is cancelled or accepted. A hang is ended by the worker's no-progress
 * timeout, which cancels the frame.
 */
public final class ExternalRender {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExternalRender.class);
    private static final int TAIL_LINES = 12;
    private static final long POLL_MILLIS = 50;
    private final ProcessRunner runner;

    public ExternalRender(ProcessRunner runner) {
        this.runner = runner;
    }

    /** How a run ended: normally (with exit code) or stopped early because {@code stopWhen} said so. */
    public record Result(int exitCode, boolean stoppedForAccept, String tail) {
    }

    /**
     * @param stopWhen kill the run once this is true (the user accepted an earlier image, or the run is no longer needed)
     * @throws InterruptedException when the frame was cancelled (the process tree is gone by then)
     */
    public Result run(List<String> argv, Path workDir, Map<String, String> env, Consumer<String> onLine,
                      RenderControl control, BooleanSupplier stopWhen) throws RenderException, InterruptedException {
        long started = System.nanoTime();
        ProcessRunner.RunningProcess p;
        try {
            p = runner.start(argv, workDir, env);
        } catch (IOException e) {
            throw new RenderException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        OutputTail tail = new OutputTail(TAIL_LINES);
        Thread reader = new Thread(() -> pump(p.output(), line -> {
            tail.add(line);
            onLine.accept(line);
        }), "renderer-output");
        reader.setDaemon(true);
        reader.start();
        try {
            while (!p.waitFor(POLL_MILLIS)) {
                if (control.cancelled()) break;
                if (stopWhen.getAsBoolean()) {
                    p.destroyTree();
                    return new Result(-1, true, tail.text());
                }
            }
        } catch (InterruptedException e) {
            p.destroyTree();
            throw e;
        }
        if (control.cancelled()) {
            p.destroyTree();
            throw new InterruptedException("cancelled");
        }
        reader.join(2_000); // the rest of the output, for the error message
        log.debug("{} exited with {} after {} ms", argv.get(0), p.exitValue(), (System.nanoTime() - started) / 1_000_000);
        return new Result(p.exitValue(), false, tail.text());
    }

    static void pump(InputStream in, Consumer<String> onLine) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n' || b == '\r') {
                        if (line.size() > 0) onLine.accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (line.size() < 4096) {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // the process was killed: its output ends here
        }
        if (line.size() > 0) onLine.accept(line.toString(StandardCharsets.UTF_8));
    }
}
