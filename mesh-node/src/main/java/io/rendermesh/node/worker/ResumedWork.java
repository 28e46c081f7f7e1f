package io.rendermesh.node.worker;

import io.rendermesh.node.render.PassCheckpoint;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.protocol.message.MeshMessage.Handback;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.JobProfile;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passes another node did on a frame, fetched from that node for a renderer that carries on
 * from them. Whatever goes wrong (the node left, the bytes are not a checkpoint of this frame), the
 * frame simply starts from its first pass: never a failure of its own.
 */
final class ResumedWork {
    private static final Logger log = LoggerFactory.getLogger(ResumedWork.class);

    private ResumedWork() {
    }

    /** @param samples the frame's sample target: work claiming as many passes is not carried on */
    static CompletableFuture<PassCheckpoint> fetch(Handback work, JobProfile profile, int samples, Renderer renderer, JobFiles files) {
        if (work == null || !renderer.resumes() || work.passes() >= samples) return CompletableFuture.completedFuture(null);
        long expected = PassCheckpoint.HEADER + (long) profile.width() * profile.height() * 3 * 8;
        if (work.size() != expected) {
            log.info("a handback of {} bytes is not one of a {}×{} frame; starting over", work.size(), profile.width(), profile.height());
            return CompletableFuture.completedFuture(null);
        }
        return files.blob(new BundleEntry("checkpoint", work.sha256(), work.size()), List.of(work.node()))
                .thenApply(bytes -> {
                    try {
                        PassCheckpoint c = PassCheckpoint.decode(bytes, profile.width(), profile.height());
                        if (c.passes() != work.passes()) throw new java.io.IOException("it holds " + c.passes() + " passes, not " + work.passes());
                        log.info("carrying on from {} passes done on {}", c.passes(), work.node());
                        return c;
                    } catch (java.io.IOException e) {
                        log.info("the work {} gave back is unusable ({}); starting over", work.node(), e.getMessage());
                        return null;
                    }
                })
                .exceptionally(e -> {
                    log.info("cannot fetch the work {} gave back ({}); starting over", work.node(), e.getMessage());
                    return null;
                });
    }
}
