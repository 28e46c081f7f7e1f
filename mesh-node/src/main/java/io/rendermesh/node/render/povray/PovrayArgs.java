package io.rendermesh.node.render.povray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The POV-Ray command line for one frame. Every value comes from the validated job profile
 * (numbers) or from paths this node chose; nothing a peer sends is passed through as text.
 */
record PovrayArgs(String executable, Path scene, Path jobDir, Path outDir, int width, int height, int threads,
                  int firstFrame, int lastFrame, int frame, int samples, int rowFrom, int rowTo) {

    /** The whole frame. */
    PovrayArgs(String executable, Path scene, Path jobDir, Path outDir, int width, int height, int threads, int firstFrame,
               int lastFrame, int frame, int samples) {
        this(executable, scene, jobDir, outDir, width, height, threads, firstFrame, lastFrame, frame, samples, 0, height);
    }

    /** Antialiasing grid from the sample target: up to n×n rays per pixel where needed (AM1), at most POV-Ray's 9×9. */
    static int antialiasDepth(int samples) {
        return Math.max(1, Math.min(9, (int) Math.round(Math.sqrt(samples))));
    }

    List<String> argv() {
        List<String> a = new ArrayList<>(List.of(executable,
                "+I" + scene, "+O" + outDir.resolve("frame.png"), "+L" + jobDir,
                "+W" + width, "+H" + height, "-D", "-P", "+FN", "+WT" + Math.max(1, threads),
                "+KFI" + firstFrame, "+KFF" + lastFrame, "+SF" + frame, "+EF" + frame));
        if (rowFrom > 0 || rowTo < height) {
            // one region of a frame split across nodes: POV-Ray counts rows from 1, and still writes the whole frame
            a.addAll(List.of("+SR" + (rowFrom + 1), "+ER" + rowTo));
        }
        if (samples > 1) {
            a.addAll(List.of("+A0.3", "+AM1", "+R" + antialiasDepth(samples)));
        } else {
            a.add("-A");
        }
        return a;
    }
}
