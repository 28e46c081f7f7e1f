package io.rendermesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * One builtin frame (640×360, 512 samples by default) on one node, then split across several
 * nodes, side by side in one run: prints both times and their ratio (issue goal on three machines:
 * at most 0.40). Each node is one process with one slot of one core (scripts/bench sets
 * -XX:ActiveProcessorCount=1), so the nodes do not share a core with each other as long as the
 * machine has one per node; with fewer cores than the nodes asked for, it says so, and the split
 * run uses one node per core.
 */
public final class SplitFrameBench {
    public static void main(String[] args) throws Exception {
        int wanted = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        // ActiveProcessorCount=1 makes this JVM see one core too: ask the OS
        int cores = Integer.parseInt(new String(new ProcessBuilder("nproc").start().getInputStream().readAllBytes()).trim());
        int nodes = Math.min(wanted, cores);
        if (nodes < wanted) {
            System.out.printf("this machine has %d cores: the split run uses %d nodes of one core each, not %d%n", cores, nodes, wanted);
        }
        String profile = "{\"name\":\"split-bench\",\"scene\":\"builtin:demo\",\"renderer\":\"builtin\",\"frames\":\"1\","
                + "\"width\":640,\"height\":360,\"samples\":" + samples + ",\"split\":\"%s\"}";
        double one;
        try (LocalMesh mesh = new LocalMesh(1)) {
            one = time(mesh, String.format(profile, "never"));
        }
        double split;
        String parts;
        try (LocalMesh mesh = new LocalMesh(nodes)) {
            long start = System.nanoTime();
            String id = mesh.submit(0, String.format(profile, "always"));
            mesh.awaitEnd(0, id, Duration.ofMinutes(20));
            split = (System.nanoTime() - start) / 1e9;
            JsonNode frame = LocalMesh.get(mesh.urls.get(0) + "/api/v1/jobs/" + id).get("frames").get(0);
            parts = frame.has("parts") ? frame.get("parts").size() + " parts on " + frame.get("parts").findValuesAsText("node") : "not split";
        }
        System.out.printf("one builtin frame, 640x360, %d samples: 1 node %.2f s; %d nodes %.2f s (%s); ratio %.2f "
                + "(goal on 3 nodes <= 0.40; ideal for %d nodes %.2f)%n", samples, one, nodes, split, parts, split / one, nodes, 1.0 / nodes);
    }

    private static double time(LocalMesh mesh, String profile) throws Exception {
        long start = System.nanoTime();
        String id = mesh.submit(0, profile);
        String state = mesh.awaitEnd(0, id, Duration.ofMinutes(20));
        if (!state.equals("done")) throw new IllegalStateException("job ended " + state);
        return (System.nanoTime() - start) / 1e9;
    }
}
