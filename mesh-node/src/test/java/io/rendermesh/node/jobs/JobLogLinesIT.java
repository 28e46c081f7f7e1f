package io.rendermesh.node.jobs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rendermesh.node.MeshNode;
import io.rendermesh.node.testkit.InMemoryMesh;
import io.rendermesh.node.testkit.TestNodes;
import io.rendermesh.protocol.model.JobProfileJson;
import io.rendermesh.protocol.model.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** An operator's log: a line per job state change at INFO, not a line per frame (a 20,000-frame job is not 20,000 lines). */
class JobLogLinesIT {
    @TempDir
    Path dir;
    private final InMemoryMesh hub = new InMemoryMesh();
    private final List<MeshNode> nodes = new ArrayList<>();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(lines);
    }

    @Test
    void aJobOfManyFramesLogsItsStateChangesNotItsFrames() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        lines.start();
        root.addAppender(lines);
        MeshNode a = TestNodes.start(hub, "a", dir, 1L << 20);
        MeshNode b = TestNodes.start(hub, "b", dir, 1L << 20);
        nodes.add(a);
        nodes.add(b);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.api().nodes().size() == 2);
        String id = a.api().submit(JobProfileJson.parse("{\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-60\","
                + "\"width\":16,\"height\":9,\"samples\":1,\"params\":{\"frameMillis\":5,\"passes\":1}}"), List.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> a.api().job(id).state() == JobState.DONE);
        long info = lines.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO) && e.getFormattedMessage().contains(id)).count();
        assertTrue(info <= 12, info + " INFO lines about a 60-frame job on two nodes: "
                + lines.list.stream().filter(e -> e.getFormattedMessage().contains(id)).map(ILoggingEvent::getFormattedMessage).limit(20).toList());
        assertTrue(lines.list.stream().anyMatch(e -> e.getLevel() == Level.INFO && e.getFormattedMessage().equals("job " + id + " done (60 of 60 frames done)")),
                "its end is there");
    }
}
