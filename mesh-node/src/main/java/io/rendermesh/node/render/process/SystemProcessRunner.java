package io.rendermesh.node.render.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Real processes. A renderer may fork helpers, so a kill takes the whole tree, children first. */
public final class SystemProcessRunner implements ProcessRunner {

    @Override
    public RunningProcess start(List<String> argv, Path workDir, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close(); // a renderer never gets input: one waiting for it would hang
        return new RunningProcess() {
            @Override
            public InputStream output() {
                return p.getInputStream();
            }

            @Override
            public boolean waitFor(long millis) throws InterruptedException {
                return p.waitFor(millis, TimeUnit.MILLISECONDS);
            }

            @Override
            public int exitValue() {
                return p.exitValue();
            }

            @Override
            public void destroyTree() {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
