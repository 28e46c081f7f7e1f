package io.rendermesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cost of the mesh around POV-Ray: the example animation (examples/povray) rendered through a
 * one-node mesh (submit to job done) against a plain loop of `povray` over the same frames with the
 * same options, alternating in one run. Goal: mesh / plain ≤ 1.05.
 * Usage: scripts/bench povray [frames=24] [width=640] [height=360] [samples=16] [rounds=3]
 */
public final class PovrayOverheadBench {
    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 640;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 360;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Path example = Path.of("examples/povray").toAbsolutePath();
        int threads = Runtime.getRuntime().availableProcessors(); // a one-slot node gives its slot every core
        int depth = Math.max(1, Math.min(9, (int) Math.round(Math.sqrt(samples))));
        System.out.printf("POV-Ray overhead: %d frames %dx%d, %d samples (+AM1 +R%d), %d threads%n", frames, width, height, samples, depth, threads);
        List<Double> plain = new ArrayList<>();
        List<Double> mesh = new ArrayList<>();
        try (LocalMesh m = new LocalMesh(1)) {
            Map<String, Path> files = new LinkedHashMap<>();
            try (Stream<Path> walk = Files.walk(example)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) files.put(example.relativize(f).toString(), f);
            }
            for (int r = 0; r < rounds; r++) {
                plain.add(plainLoop(example, frames, width, height, depth, threads));
                String profile = String.format("{\"name\":\"bench\",\"scene\":\"scene.pov\",\"renderer\":\"povray\",\"frames\":\"1-%d\","
                        + "\"width\":%d,\"height\":%d,\"samples\":%d}", frames, width, height, samples);
                long t0 = System.nanoTime();
                String id = m.submitFiles(0, profile, files);
                String state = m.awaitEnd(0, id, Duration.ofMinutes(30));
                mesh.add((System.nanoTime() - t0) / 1e9);
                if (!state.equals("done")) throw new IllegalStateException("bench job ended " + state);
                System.out.printf("round %d: plain loop %.2f s, mesh %.2f s, ratio %.3f%n", r + 1, plain.get(r), mesh.get(r),
                        mesh.get(r) / plain.get(r));
            }
        }
        System.out.printf("median ratio mesh/plain: %.3f (goal <= 1.05)%n", median(mesh) / median(plain));
    }

    static double plainLoop(Path dir, int frames, int width, int height, int depth, int threads) throws Exception {
        Path out = Files.createTempDirectory("povray-plain");
        long t0 = System.nanoTime();
        for (int f = 1; f <= frames; f++) {
            Process p = new ProcessBuilder("povray", "+I" + dir.resolve("scene.pov"), "+O" + out.resolve("frame.png"), "+L" + dir,
                    "+W" + width, "+H" + height, "-D", "-P", "+FN", "+WT" + threads, "+KFI1", "+KFF" + frames, "+SF" + f, "+EF" + f,
                    "+A0.3", "+AM1", "+R" + depth).directory(out.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("povray failed on frame " + f);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

}
