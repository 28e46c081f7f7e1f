package io.rendermesh.bench;

import java.time.Duration;
import java.util.List;

/**
 * How close the mesh comes to keeping every slot busy, side by side in one run, on three local
 * node processes of one slot each. Prints makespan ÷ ideal (ideal: the frames' work over the
 * mesh's capacity) for: uniform frames (60 × 200 ms; goal ≤ 1.03 warm), short frames (600 × 20 ms,
 * handed out in chunks; goal ≤ 1.10), and a heterogeneous mesh where one node renders 3× slower
 * (60 × 200 ms; goal ≤ 1.10). Four rounds of each by default: the first warms the nodes up, and all are printed.
 */
public final class SchedulingBench {
    public static void main(String[] args) throws Exception {
        // three node JVMs on two cores are still compiling their hot paths in the second round; a node serves for hours
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        try (LocalMesh mesh = new LocalMesh(3)) {
            for (int r = 1; r <= rounds; r++) run(mesh, "uniform", 60, 200, 4, 3.0, r, 1.03);
            // a 20 ms frame is one quick pass: one sample, at its end
            for (int r = 1; r <= rounds; r++) run(mesh, "short", 600, 20, 1, 3.0, r, 1.10);
        }
        List<String> slow = List.of("--synthetic-slowdown", "3");
        try (LocalMesh mesh = new LocalMesh(List.of(List.of(), List.of(), slow))) {
            for (int r = 1; r <= rounds; r++) run(mesh, "one node 3x slower", 60, 200, 4, 2 + 1 / 3.0, r, 1.10);
        }
    }

    private static void run(LocalMesh mesh, String label, int frames, int frameMillis, int passes, double capacity, int round, double goal)
            throws Exception {
        String profile = "{\"name\":\"bench\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + frames
                + "\",\"width\":64,\"height\":36,\"samples\":" + passes + ",\"params\":{\"frameMillis\":" + frameMillis + ",\"passes\":" + passes + "}}";
        long start = System.nanoTime();
        String id = mesh.submit(0, profile);
        String state = mesh.awaitEnd(0, id, Duration.ofMinutes(5));
        double makespan = (System.nanoTime() - start) / 1e9;
        if (!state.equals("done")) throw new IllegalStateException("job ended " + state);
        double ideal = frames * frameMillis / 1000.0 / capacity;
        System.out.printf("%-20s round %d: %d frames x %d ms, capacity %.2f nodes: makespan %.3f s, ideal %.3f s, makespan/ideal %.3f "
                + "(goal <= %.2f%s)%n", label, round, frames, frameMillis, capacity, makespan, ideal, makespan / ideal, goal,
                round == 1 ? ", cold" : "");
    }
}
