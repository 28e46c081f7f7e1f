package io.rendermesh.node.render.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Starts external programs (renderers). Injected so adapters can be tested without real processes. */
public interface ProcessRunner {

    /** Starts {@code argv} in {@code workDir} with these extra environment variables; stdout and stderr merged. */
    RunningProcess start(List<String> argv, Path workDir, Map<String, String> env) throws IOException;

    interface RunningProcess {
        InputStream output();

        /** Waits up to {@code millis}; true once the process has exited. */
        boolean waitFor(long millis) throws InterruptedException;

        int exitValue();

        /** Kills the process and every process it started. */
        void destroyTree();
    }
}
