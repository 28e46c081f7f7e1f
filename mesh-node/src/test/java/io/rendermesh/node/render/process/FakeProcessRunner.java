package io.rendermesh.node.render.process;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * Scripted processes: each start prints the given output, exits with the given code, and writes a
 * PNG of the requested size into the folder named by the script. A "hanging" script never exits
 * until killed.
 */
public final class FakeProcessRunner implements ProcessRunner {
    /**
     * @param awaits the process runs until this latch opens (null: exits at once)
     * @param signals opened once the process has been seen to exit (null: none)
     */
    public record Script(String output, int exitCode, Path pngOut, int width, int height, boolean hangs, CountDownLatch awaits,
                         CountDownLatch signals) {
        public Script(String output, int exitCode, Path pngOut, int width, int height, boolean hangs) {
            this(output, exitCode, pngOut, width, height, hangs, null, null);
        }

        public static Script ok(String output, Path pngOut, int w, int h) {
            return new Script(output, 0, pngOut, w, h, false);
        }

        public Script awaiting(CountDownLatch latch) {
            return new Script(output, exitCode, pngOut, width, height, hangs, latch, signals);
        }

        public Script signalling(CountDownLatch latch) {
            return new Script(output, exitCode, pngOut, width, height, hangs, awaits, latch);
        }
    }

    public final List<List<String>> started = java.util.Collections.synchronizedList(new ArrayList<>());
    public final List<Map<String, String>> envs = java.util.Collections.synchronizedList(new ArrayList<>());
    public volatile int killed;
    private final Function<List<String>, Script> scripts;

    public FakeProcessRunner(Function<List<String>, Script> scripts) {
        this.scripts = scripts;
    }

    @Override
    public RunningProcess start(List<String> argv, Path workDir, Map<String, String> env) throws IOException {
        started.add(List.copyOf(argv));
        envs.add(Map.copyOf(env));
        Script s = scripts.apply(argv);
        if (s == null) throw new IOException("No such file or directory: " + argv.get(0));
        if (s.pngOut() != null && !s.hangs()) {
            Files.createDirectories(s.pngOut().getParent());
            ImageIO.write(new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB), "png", s.pngOut().toFile());
        }
        return new RunningProcess() {
            boolean dead;

            @Override
            public InputStream output() {
                return new ByteArrayInputStream(s.output().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean waitFor(long millis) throws InterruptedException {
                if (dead) return true;
                if (s.hangs()) return false;
                if (s.awaits() != null && !s.awaits().await(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) return false;
                if (s.signals() != null) s.signals().countDown();
                return true;
            }

            @Override
            public int exitValue() {
                return dead ? 137 : s.exitCode();
            }

            @Override
            public void destroyTree() {
                dead = true;
                killed++;
            }
        };
    }
}
