package io.rendermesh.bench;

import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.builtin.BuiltinRenderer;
import io.rendermesh.protocol.model.JobProfileJson;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in tracer's throughput on the demo scene (paths per second on 2 threads, 320x180,
 * 32 samples) and the time from the start of a frame to its first sample; then the same scene
 * against Blender Cycles where Blender is installed ({@link CyclesComparison}).
 */
public final class TracerBench {
    public static void main(String[] args) throws Exception {
        int w = 320;
        int h = 180;
        int samples = 32;
        var profile = JobProfileJson.parse("{\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1-24\",\"width\":" + w
                + ",\"height\":" + h + ",\"samples\":" + samples + "}");
        BuiltinRenderer renderer = new BuiltinRenderer();
        Path dir = Files.createTempDirectory("tracer-bench");
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            BenchControl control = new BenchControl(samples);
            renderer.render(new RenderRequest("bench", 12, 1, profile, dir, Files.createTempDirectory(dir, "r"), 2, samples, 1), control);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: demo frame 12, %dx%d, %d samples, 2 threads: %.2f s, %,.0f paths/s, first sample after %.0f ms (goal <= 100 ms)%n",
                    round, w, h, samples, seconds, (double) w * h * samples / seconds, (control.firstSampleNanos - start) / 1e6);
        }
        boolean blender = Files.isExecutable(Path.of("/usr/bin/blender"));
        if (blender) CyclesComparison.run("/usr/bin/blender", 2);
        else System.out.println("Cycles comparison skipped: blender is not installed (scripts/install-renderers)");
    }
}
