package io.rendermesh.node.worker;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a frame leaves a workstation whose person came back (or paused it): a pure choice, and the low priority for the rest. */
final class GiveBack {
    private static final Logger log = LoggerFactory.getLogger(GiveBack.class);

    enum Way {
        /** The renderer leaves its passes; the next node carries on from them. */
        CARRY_ON_ELSEWHERE,
        /** The renderer cannot resume: the frame starts again on another node. */
        START_AGAIN_ELSEWHERE,
        /** Past 90 % on a renderer that cannot resume: starting again would waste more than finishing here, at low priority. */
        FINISH_HERE_NICELY
    }

    private GiveBack() {
    }

    static Way way(boolean resumable, int done, int total) {
        if (resumable) return Way.CARRY_ON_ELSEWHERE;
        return total > 0 && done * 10L >= total * 9L ? Way.FINISH_HERE_NICELY : Way.START_AGAIN_ELSEWHERE;
    }

    /**
     * Lowers every render process of this node to the lowest priority ({@code renice 19}): the
     * frames finishing here are its only renders left, the others were given back. Best effort.
     */
    static void lowerRenderPriority() {
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", "19", "-p"));
        ProcessHandle.current().descendants().forEach(p -> cmd.add(Long.toString(p.pid())));
        if (cmd.size() == 4) return;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (java.io.IOException e) {
            log.info("cannot lower the render priority ({})", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
