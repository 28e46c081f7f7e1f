package io.rendermesh.node.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.MeshNode;
import io.rendermesh.node.NodeConfig;
import io.rendermesh.node.api.NodeApi.ControlCommand;
import io.rendermesh.node.desk.IdleReader;
import io.rendermesh.node.testkit.InMemoryNodes;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job's mesh splits in two; each side runs it under its own coordinator and hears control input;
 * the partition heals. The input sent on either side is in force afterwards, field by field (the
 * side with the lower epoch used to lose all of it), and frames done on the losing side stay done.
 */
class PartitionMergeIT {
    @RegisterExtension
    final InMemoryNodes mesh = new InMemoryNodes();
    private final Map<String, MeshNode> nodes = new TreeMap<>();
    private String id;
    private MeshNode oldSide;
    private MeshNode newSide;

    @BeforeEach
    void aJobRuns() throws Exception {
        for (String n : List.of("a", "b", "c", "d")) nodes.put(n, mesh.startInMemory(n, NodeConfig.Desk.DEFAULT, IdleReader.noDesktop(), 1));
        MeshNode a = nodes.get("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.values().stream().allMatch(n -> n.api().nodes().size() == 4));
        id = a.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-200\","
                + "\"params\":{\"frameMillis\":100}}"), List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> a.api().job(id).framesDone() >= 4);
    }

    private void split() throws Exception {
        MeshNode a = nodes.get("a");
        String coordinator = a.api().job(id).coordinator();
        List<String> others = nodes.keySet().stream().filter(n -> !n.equals(coordinator)).toList();
        oldSide = nodes.get(coordinator);
        mesh.hub().split(Set.of(coordinator, others.get(0)));
        newSide = nodes.get(others.get(1));
        long epoch = oldSide.api().job(id).epoch();
        await().atMost(Duration.ofSeconds(10)).until(() -> newSide.api().job(id).epoch() > epoch);
        long doneThere = newSide.api().job(id).framesDone();
        await().atMost(Duration.ofSeconds(20)).until(() -> newSide.api().job(id).framesDone() > doneThere + 2
                && oldSide.api().job(id).framesDone() > doneThere + 2);
    }

    private void control(MeshNode on, String action, Integer value) throws Exception {
        assertTrue(on.api().control(id, new ControlCommand(action, null, value)).get().isAccepted(), action + " on " + on.api().nodeName());
    }

    private Set<Integer> done(JobRecord r) {
        return r.frames().stream().filter(f -> f.state() == FrameState.DONE).map(FrameRecord::frame).collect(Collectors.toSet());
    }

    /** Every node agrees on the job and it satisfies {@code check}; returns that record. */
    private JobRecord agreed(java.util.function.Predicate<JobRecord> check) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<JobRecord> copies = new ArrayList<>();
            for (MeshNode n : nodes.values()) copies.add(n.api().job(id));
            JobRecord first = copies.get(0);
            boolean same = copies.stream().allMatch(r -> r.epoch() == first.epoch() && r.seq() == first.seq());
            return same && check.test(first) ? first : null;
        }, r -> r != null);
    }

    @Test
    void aCancelOnTheSideThatLostTheJobHoldsAndItsDoneFramesStayDone() throws Exception {
        split();
        control(oldSide, "cancel", null);
        Set<Integer> doneOnOldSide = done(oldSide.api().job(id));
        mesh.hub().heal();
        JobRecord merged = agreed(r -> r.state() == JobState.CANCELLED);
        assertTrue(!merged.coordinator().equals(oldSide.api().nodeName()), "the side with the higher epoch coordinates: " + merged.coordinator());
        assertTrue(done(merged).containsAll(doneOnOldSide), "frames done on the losing side are kept");
        assertTrue(merged.frames().stream().noneMatch(f -> f.state().inFlight() || f.state() == FrameState.PENDING),
                "nothing left to render in a cancelled job");
    }

    @Test
    void eachFieldTakesTheLatestInputFromEitherSide() throws Exception {
        split();
        control(oldSide, "priority", 10);
        control(oldSide, "pause", null);
        await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(20)).until(() -> true); // later on the clock
        control(newSide, "priority", 80);
        mesh.hub().heal();
        JobRecord merged = agreed(r -> r.state() == JobState.PAUSED && r.priority() == 80);
        assertEquals(80, merged.priority());
        control(nodes.get("a"), "resume", null);
        agreed(r -> r.state() == JobState.RUNNING || r.state() == JobState.DONE);
    }

    @Test
    void inputFromBeforeTheSplitIsNotAppliedAgainAfterIt() throws Exception {
        MeshNode a = nodes.get("a");
        int again = a.api().job(id).frames().stream().filter(f -> f.state() == FrameState.DONE).findFirst().orElseThrow().frame();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var sub = a.api().events().subscribe(id, e -> {
            if (Integer.valueOf(again).equals(e.data().get("frame"))) events.add(e.type());
        })) {
            assertTrue(a.api().control(id, new ControlCommand("rerender-frame", again, null)).get().isAccepted());
            await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("frame-done") && nodes.values().stream()
                    .allMatch(n -> n.api().job(id).frames().get(again - 1).state() == FrameState.DONE));
        }
        split();
        List<Integer> assigned = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var sub = newSide.api().events().subscribe(id, e -> {
            if (e.type().equals("frame-assigned")) assigned.add((Integer) e.data().get("frame"));
        })) {
            mesh.hub().heal();
            agreed(r -> r.state() == JobState.DONE);
        }
        assertTrue(!assigned.contains(again), "frame " + again + " rendered a third time after the merge: " + assigned);
    }
}
