package io.rendermesh.bench;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.NodeParts;
import io.rendermesh.node.membership.JGroupsTransport;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
import io.rendermesh.node.storage.BundleJobFiles;
import io.rendermesh.node.storage.FileBlobStore;
import io.rendermesh.node.storage.FileFrameStore;
import io.rendermesh.node.storage.Folders;
import io.rendermesh.node.storage.MapDbJobJournal;
import io.rendermesh.protocol.model.JobProfileJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A 64-node mesh in one JVM (JGroups SHARED_LOOPBACK, real file stores and journals, the synthetic
 * renderer with 0 ms frames): how soon the resource map converges on every node after the last
 * join, how many frames per second the coordinators lease and record for one 10,000-frame job
 * with 100 ten-frame jobs beside it, and the heap per node. Args: nodes, frames of the big job.
 */
public final class MeshScaleBench {
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int smallJobs = 100;
        Path work = Files.createTempDirectory("rendermesh-scale-");
        String mesh = "scale-" + UUID.randomUUID();
        List<MeshNode> mesh64 = new ArrayList<>();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < nodes; i++) mesh64.add(start(mesh, String.format("n%02d", i), work));
            long lastJoin = System.nanoTime();
            until(() -> mesh64.stream().allMatch(n -> n.api().nodes().size() == nodes), 60);
            long converged = (System.nanoTime() - lastJoin) / 1_000_000;
            System.out.printf("%d nodes joined in %.1f s; the resource map converged on every node %d ms after the last join (goal <= 2,000)%n",
                    nodes, (lastJoin - started) / 1e9, converged);

            long submitted = System.nanoTime();
            List<String> jobs = new ArrayList<>();
            jobs.add(mesh64.get(0).api().submit(JobProfileJson.parse(profile("big", frames)), List.of()));
            for (int j = 0; j < smallJobs; j++) jobs.add(mesh64.get(j % nodes).api().submit(JobProfileJson.parse(profile("small" + j, 10)), List.of()));
            MeshNode watcher = mesh64.get(nodes - 1);
            until(() -> jobs.stream().allMatch(id -> watcher.api().job(id) != null && watcher.api().job(id).state().terminal()), 900);
            double seconds = (System.nanoTime() - submitted) / 1e9;
            int total = frames + smallJobs * 10;
            long done = jobs.stream().mapToLong(id -> watcher.api().job(id).framesDone()).sum();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%,d of %,d frames done (one job of %,d, %d of 10) in %.1f s: %,.0f frames/s leased and recorded%n",
                    done, total, frames, smallJobs, seconds, total / seconds);
            System.out.printf("heap in use: %.1f MB per node (%.0f MB for %d nodes)%n",
                    (rt.totalMemory() - rt.freeMemory()) / 1e6 / nodes, (rt.totalMemory() - rt.freeMemory()) / 1e6, nodes);
        } finally {
            mesh64.parallelStream().forEach(MeshNode::close);
            Folders.deleteTree(work);
        }
    }

    private static String profile(String name, int frames) {
        return "{\"name\":\"" + name + "\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + frames
                + "\",\"width\":8,\"height\":8,\"samples\":1,\"params\":{\"frameMillis\":0,\"passes\":1}}";
    }

    private static MeshNode start(String mesh, String name, Path work) throws Exception {
        Path data = work.resolve(name);
        NodeConfig config = NodeConfig.local(name, data).withSharedLoopback(mesh).withSlots(1);
        FileBlobStore blobs = new FileBlobStore(data);
        NodeParts parts = new NodeParts(new JGroupsTransport(config, null, null), blobs, new FileFrameStore(data),
                new MapDbJobJournal(data), channel -> new BundleJobFiles(data, blobs, channel), List.of(new SyntheticRenderer()),
                List.of(), Clock.systemUTC());
        return MeshNode.start(config, parts);
    }

    private static void until(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new IllegalStateException("not within " + seconds + " s");
            Thread.sleep(20);
        }
    }
}
