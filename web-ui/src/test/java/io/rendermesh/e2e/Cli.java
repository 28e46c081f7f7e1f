package io.rendermesh.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the `rendermesh` command line from the shaded jar, as a user would. */
final class Cli {
    record Result(int exitCode, String output) {
        String firstLine() {
            return output.lines().findFirst().orElse("").trim();
        }
    }

    /** A command still running: its first line can be read (submit prints the job id) before it ends. */
    static final class Running {
        private final Process process;
        private final BufferedReader out;
        private final StringBuilder seen = new StringBuilder();
        private final String[] args;

        private Running(Process process, String[] args) {
            this.process = process;
            this.args = args;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        String firstLine() throws Exception {
            String line = out.readLine();
            if (line == null) throw new AssertionError("rendermesh " + String.join(" ", args) + " printed nothing");
            seen.append(line).append('\n');
            return line.trim();
        }

        Result finish(long timeoutSec) throws Exception {
            Thread drain = new Thread(() -> {
                try {
                    char[] buf = new char[8192];
                    int n;
                    while ((n = out.read(buf)) > 0) {
                        synchronized (seen) {
                            seen.append(buf, 0, n);
                        }
                    }
                } catch (Exception ignored) {
                    // the process ended
                }
            });
            drain.start();
            if (!process.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("rendermesh " + String.join(" ", args) + " did not finish in " + timeoutSec + " s");
            }
            drain.join(10_000);
            synchronized (seen) {
                return new Result(process.exitValue(), seen.toString());
            }
        }
    }

    private Cli() {
    }

    static Running start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(NodeProcess.javaBin(), "-jar", NodeProcess.jar().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        return new Running(p, args);
    }

    static Result run(long timeoutSec, String... args) throws Exception {
        return start(args).finish(timeoutSec);
    }
}
