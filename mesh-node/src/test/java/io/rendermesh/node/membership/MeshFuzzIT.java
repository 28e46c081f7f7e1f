package io.rendermesh.node.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.wire.WireFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member of the mesh sends garbage: random bytes, real messages cut short or with bytes flipped,
 * and well-formed messages with absurd fields. Every node keeps working: afterwards a job still
 * renders to the end on both. Seeded: {@code -Dfuzz.seed=N} replays a run.
 */
class MeshFuzzIT {
    static final int MESSAGES = 3_000;
    @TempDir
    Path dir;
    private final String mesh = "fuzz-" + UUID.randomUUID();
    private final List<MeshNode> nodes = new ArrayList<>();
    private JChannel fuzzer;

    @AfterEach
    void stop() {
        if (fuzzer != null) fuzzer.close();
        nodes.forEach(MeshNode::close);
    }

    private MeshNode start(String name) throws Exception {
        MeshNode n = MeshNode.start(NodeConfig.local(name, dir.resolve(name)).withSharedLoopback(mesh).withSlots(1));
        nodes.add(n);
        return n;
    }

    private static String synthetic(String frames, int millis) {
        return "{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"" + frames
                + "\",\"width\":16,\"height\":9,\"samples\":2,\"params\":{\"frameMillis\":" + millis + ",\"passes\":2}}";
    }

    @Test
    void garbageFromAMemberLeavesEveryNodeWorking() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("MeshFuzzIT seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Random rnd = new Random(seed);
        MeshNode a = start("a");
        MeshNode b = start("b");
        fuzzer = new JChannel(JGroupsStack.sharedLoopback("fuzzer", null, mesh));
        JGroupsStack.quiet(fuzzer.getProtocolStack().getTransport());
        fuzzer.name("fuzzer");
        fuzzer.connect(mesh);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.api().members() == 3 && b.api().members() == 3);
        String running = a.api().submit(JobProfileJson.parse(synthetic("1-4", 300)), List.of());
        JobRecord known = a.api().job(running);
        List<byte[]> real = realMessages(known);

        for (int i = 0; i < MESSAGES; i++) {
            byte[] bytes = switch (rnd.nextInt(4)) {
                case 0 -> randomBytes(rnd, rnd.nextInt(2_000));
                case 1 -> { byte[] m = real.get(rnd.nextInt(real.size())); yield Arrays.copyOf(m, rnd.nextInt(m.length + 1)); }
                case 2 -> flipped(rnd, real.get(rnd.nextInt(real.size())));
                default -> WireFormat.encode(absurd(rnd, known));
            };
            fuzzer.send(new BytesMessage(rnd.nextBoolean() ? null : fuzzer.getView().getMembers().get(rnd.nextInt(2)), bytes));
        }

        String after = b.api().submit(JobProfileJson.parse(synthetic("1-6", 100)), List.of());
        // a member may pass on a client's control input, so the fuzzer may have cancelled the first job: it must end all the same
        await().atMost(Duration.ofSeconds(60)).until(() -> a.api().job(after).state() == JobState.DONE
                && b.api().job(after).state() == JobState.DONE && a.api().job(running).state().terminal());
        for (MeshNode n : nodes) {
            assertEquals(2, n.api().jobs().size(), "no job was made up by the fuzzer on " + n.api().nodeName());
            assertTrue(n.api().job(after).frames().stream().allMatch(f -> f.state() == FrameState.DONE));
            assertEquals(a.api().job(running).state(), n.api().job(running).state());
        }
        assertTrue(a.api().rejectedMessages().getOrDefault("fuzzer", 0L) > 0, "some garbage decoded and was refused");
    }

    private static List<byte[]> realMessages(JobRecord job) {
        String id = job.id();
        List<MeshMessage> m = List.of(
                new MeshMessage.JobSnapshot(job),
                new MeshMessage.JobDelta(id, job.epoch(), job.seq() + 1, JobState.CANCELLED, 1, 1, null, Set.of(),
                        List.of(FrameRecord.pending(1, 2))),
                new MeshMessage.WorkRequest("r", id, "fuzzer"),
                new MeshMessage.FrameDone(id, 1, 1, "fuzzer", "", 0, false),
                new MeshMessage.ControlRequest("c", id, "cancel", null, null, "fuzzer"),
                new MeshMessage.Sample(id, 1, 1, "fuzzer", 1, 2, "image/png", new byte[64], 0),
                new MeshMessage.BlobFetch("b", "0".repeat(64), 0, Integer.MAX_VALUE, "fuzzer"));
        return m.stream().map(WireFormat::encode).toList();
    }

    private static MeshMessage absurd(Random rnd, JobRecord job) {
        String id = rnd.nextBoolean() ? job.id() : "../" + rnd.nextInt();
        int frame = rnd.nextBoolean() ? rnd.nextInt() : 1;
        return switch (rnd.nextInt(6)) {
            case 0 -> new MeshMessage.FrameProgress(id, frame, rnd.nextInt(), "fuzzer", rnd.nextInt(), rnd.nextInt());
            case 1 -> new MeshMessage.FrameFailed(id, frame, rnd.nextInt(), "a", "x".repeat(rnd.nextInt(5_000)), true);
            case 2 -> new MeshMessage.WatchInterest(id, "fuzzer", Long.MAX_VALUE);
            case 3 -> new MeshMessage.FrameFetch("f", id, frame, "fuzzer");
            case 4 -> new MeshMessage.WorkGrant("g", id, frame, 1, rnd.nextInt(), null, null);
            default -> new MeshMessage.JobDelta(id, rnd.nextLong(), rnd.nextLong(), JobState.DONE, rnd.nextInt(), rnd.nextInt(),
                    null, Set.of("a"), List.of());
        };
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        if (n > 0 && rnd.nextBoolean()) b[0] = WireFormat.encode(new MeshMessage.SnapshotRequest("j", "x"))[0]; // past the version check
        return b;
    }

    private static byte[] flipped(Random rnd, byte[] m) {
        byte[] b = m.clone();
        for (int k = 0, n = 1 + rnd.nextInt(4); k < n && b.length > 0; k++) b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        return b;
    }
}
