package io.rendermesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;

/**
 * Parallel efficiency: 60 synthetic frames of 200 ms on three local node processes (one slot
 * each). Prints makespan / ideal, where ideal = frames x frame time / slots. Target: <= 1.05.
 */
public final class ParallelEfficiencyBench {
    public static void main(String[] args) throws Exception {
        int frames = 60;
        int frameMillis = 200;
        int nodes = 3;
        try (LocalMesh mesh = new LocalMesh(nodes)) {
            String base = mesh.urls.get(0) + "/api/v1";
            for (int round = 1; round <= 3; round++) {
                String profile = "{\"name\":\"bench\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + frames
                        + "\",\"width\":64,\"height\":36,\"samples\":4,\"params\":{\"frameMillis\":" + frameMillis + ",\"passes\":4}}";
                long start = System.nanoTime();
                String id = mesh.submit(0, profile);
                JsonNode job;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                do {
                    Thread.sleep(5);
                    job = LocalMesh.get(base + "/jobs/" + id);
                } while (!job.get("state").asText().equals("done") && System.nanoTime() < deadline);
                double makespan = (System.nanoTime() - start) / 1e9;
                double ideal = frames * frameMillis / 1000.0 / nodes;
                System.out.printf("round %d: %d frames x %d ms on %d nodes: makespan %.3f s, ideal %.3f s, makespan/ideal %.3f (target <= 1.05)%n",
                        round, frames, frameMillis, nodes, makespan, ideal, makespan / ideal);
            }
        }
    }
}
