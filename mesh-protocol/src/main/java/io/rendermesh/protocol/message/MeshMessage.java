package io.rendermesh.protocol.message;

import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.FramePart;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JoinRequest;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import java.util.List;
import java.util.Set;

/**
 * Every message nodes exchange. Node identities are node names (unique within a mesh).
 * {@code requestId} pairs a reply with its request; requests are idempotent so a sender may retry.
 * Adding a record here means registering it in {@code io.rendermesh.protocol.wire.Registrations}.
 */
public sealed interface MeshMessage {

    /** A node's entry in the resource map; broadcast on join, on change, and after a merge. */
    record ResourcesAnnounce(NodeResources resources) implements MeshMessage {}

    /** The whole replicated record of a job, broadcast by its coordinator. */
    record JobSnapshot(JobRecord job) implements MeshMessage {}

    /** A change to a job by its coordinator; {@code seq} follows the previous change's by exactly one. */
    record JobDelta(String jobId, long epoch, long seq, JobState state, int priority, int samples,
                    String pendingReason, Set<String> blockedNodes, List<FrameRecord> frames) implements MeshMessage {}

    /** A replica noticed a gap in a job's deltas and asks the coordinator for a snapshot. */
    record SnapshotRequest(String jobId, String fromNode) implements MeshMessage {}

    /**
     * A worker with a free slot asks a job's coordinator for a frame, or for up to {@code want}
     * frames when they are short (each comes in a {@link WorkGrant} of its own).
     */
    record WorkRequest(String requestId, String jobId, String node, int want) implements MeshMessage {

        /** One frame. */
        public WorkRequest(String requestId, String jobId, String node) {
            this(requestId, jobId, node, 1);
        }
    }

    /**
     * A frame for the asking worker. {@code resume}, when not null, is the work a node gave back
     * on that frame: carry on from it rather than start again. {@code part}, when not null, is the
     * one part of a split frame to render; {@code attempt} then numbers that part's lease, and the
     * worker reports it with {@link PartDone}.
     */
    record WorkGrant(String requestId, String jobId, int frame, int attempt, int samples, Handback resume, FramePart part)
            implements MeshMessage {}

    /**
     * A part of a split frame finished on {@code node}: its result is blob {@code sha256} there (a
     * split by samples: the part's summed passes; by regions: its rows as a PNG).
     */
    record PartDone(String jobId, int frame, int lease, String node, String sha256, long size, int passes, boolean accepted)
            implements MeshMessage {}

    /** The parts of a split frame as its coordinator sees them, for every node's job detail. */
    record FrameParts(String jobId, int frame, List<PartView> parts) implements MeshMessage {}

    /** One part of a split frame: where it renders and how far it got ({@code state}: pending, rendering, done). */
    record PartView(FramePart part, String node, String site, String state, int passesDone) {}

    /**
     * A node gave a frame back unfinished (its desk's person came back, or paused it) and kept the
     * passes it had accumulated as blob {@code sha256} of {@code size} bytes.
     */
    record Handback(String node, int passes, String sha256, long size) {}

    /** Worker to coordinator: this frame leaves the worker with its accumulated passes (not counted as an attempt). */
    record FrameHandback(String jobId, int frame, int attempt, String reason, Handback work) implements MeshMessage {}

    record WorkDenied(String requestId, String jobId, String reason) implements MeshMessage {}

    /** A running frame's progress, worker to coordinator. */
    record FrameProgress(String jobId, int frame, int attempt, String node, int pass, int passes) implements MeshMessage {}

    /** A frame finished on {@code node}; its PNG is stored there. */
    record FrameDone(String jobId, int frame, int attempt, String node, String sha256, long size,
                     boolean accepted) implements MeshMessage {}

    /** {@code countsAsAttempt} is false when the worker merely lost the lease (e.g. it restarted). */
    record FrameFailed(String jobId, int frame, int attempt, String node, String error,
                       boolean countsAsAttempt) implements MeshMessage {}

    /** A finished frame's PNG: pushed to the submitter, or the answer to a {@link FrameFetch} (null png: not here). */
    record FrameData(String requestId, String jobId, int frame, byte[] png) implements MeshMessage {}

    record FrameFetch(String requestId, String jobId, int frame, String fromNode) implements MeshMessage {}

    /** Asks for part of a content-addressed blob. */
    record BlobFetch(String requestId, String sha256, long offset, int length, String fromNode) implements MeshMessage {}

    /** Part of a blob; {@code data} null when the node does not have it. */
    record BlobChunk(String requestId, String sha256, long offset, long totalSize, byte[] data) implements MeshMessage {}

    /** Client control input, routed to the job's coordinator. {@code frame} and {@code value} may be null. */
    record ControlRequest(String requestId, String jobId, String action, Integer frame, Integer value,
                          String fromNode) implements MeshMessage {}

    /**
     * A person's input for one node's desk, from any node's API: {@code pause}, {@code resume}, or
     * {@code render-when} with {@code value} {@code always|idle}. Answered with a {@link ControlReply}.
     */
    record NodeControl(String requestId, String node, String action, String value, String fromNode) implements MeshMessage {}

    /** {@code outcome}: the name of the coordinator's decision (accepted, bad input, conflict...), {@code error} why. */
    record ControlReply(String requestId, String outcome, String error) implements MeshMessage {}

    /** Coordinator to worker: act on a running frame ({@code cancel}, {@code accept}, {@code set-samples}). */
    record WorkerCommand(String jobId, int frame, int attempt, String command, int value) implements MeshMessage {}

    /**
     * A progressive preview of a running frame, to the submitter and to watching nodes.
     * {@code passEndedAtMillis}: the rendering node's wall clock when the pass ended. {@code part},
     * when not null: the sample is of that part of a split frame ({@code pass} counts from its
     * first pass), and watchers merge the parts' samples into the frame's.
     */
    record Sample(String jobId, int frame, int attempt, String node, int pass, int passes, String mime,
                  byte[] image, long passEndedAtMillis, FramePart part) implements MeshMessage {

        /** A sample of a whole frame. */
        public Sample(String jobId, int frame, int attempt, String node, int pass, int passes, String mime, byte[] image,
                      long passEndedAtMillis) {
            this(jobId, frame, attempt, node, pass, passes, mime, image, passEndedAtMillis, null);
        }
    }

    /** These finished jobs were deleted (by a person, or past the keep period): every node forgets them. */
    record JobsDeleted(List<String> jobIds, String fromNode) implements MeshMessage {}

    /**
     * After partitions merged: a coordinator that lost a job to the other side's coordinator (a
     * higher epoch) hands it what its side did meanwhile: the control input it accepted, with when,
     * and the frames done there. The winner merges them field by field (see JobMerge).
     */
    record MergeClaim(String jobId, long epoch, List<TimedControl> controls, List<FrameRecord> doneFrames,
                      String fromNode) implements MeshMessage {}

    /**
     * A control action a coordinator accepted, at {@code atMillis} on its clock; {@code seq} is the
     * job's seq after it, so the winner of a merge takes only what came after its takeover.
     */
    record TimedControl(String action, Integer frame, Integer value, long atMillis, String fromNode, long seq) {}

    /** A node with no sample of a frame yet asks one that has the latest (the job's submitter gets them all). */
    record PreviewFetch(String requestId, String jobId, int frame, String fromNode) implements MeshMessage {}

    /** The answer: the latest sample the asked node has of the frame, or null. */
    record PreviewReply(String requestId, Sample sample) implements MeshMessage {}

    /** {@code node} has clients watching {@code jobId} until {@code untilMillis}. */
    record WatchInterest(String jobId, String node, long untilMillis) implements MeshMessage {}

    /** A keyless node asks to join through {@code request.holder()}, which holds its connection. */
    record JoinPending(JoinRequest request) implements MeshMessage {}

    /** A person on {@code approver} admitted the newcomer with this name and key fingerprint. */
    record JoinApproved(String name, String fingerprint, String approver) implements MeshMessage {}

    /**
     * What one site offers, sent every few seconds by its site master to every node of every site:
     * its gateway's bridge address, where that gateway streams job files to other sites
     * ({@code filesEndpoint}, host:port, or null), and its nodes.
     */
    record SiteSummary(String site, String gateway, String filesEndpoint, List<NodeResources> nodes, long sentAtMillis)
            implements MeshMessage {}

    /**
     * Home site to another site's master: render these frames of a home job as a job of your own
     * ({@code offerId} makes a repeated offer the same job there).
     */
    record RemoteOffer(String offerId, String homeSite, String homeJobId, JobProfile profile, List<BundleEntry> manifest,
                       List<Integer> frames) implements MeshMessage {}

    /** A pass of an offered frame, on its way home: from the rendering site's master, then to the home job's watchers. */
    record RemoteSample(String homeJobId, int frame, String site, String node, int pass, int passes, String mime,
                        byte[] image, long passEndedAtMillis) implements MeshMessage {}

    /** An offered frame, finished: from the rendering site's master to the home site, then to the home coordinator. */
    record RemoteFrameDone(String homeJobId, int frame, String site, String node, boolean accepted, int samplesDone, byte[] png)
            implements MeshMessage {}

    /** The other site received offer {@code offerId} (an offer not acknowledged soon goes back to the home queue). */
    record OfferTaken(String offerId, String homeJobId, String site) implements MeshMessage {}

    /** Site-local: job {@code jobId} here renders frames of job {@code homeJobId} of site {@code homeSite} (so any node that takes it over sends them home). */
    record TakenJob(String jobId, String homeSite, String homeJobId) implements MeshMessage {}

    /** Control input for a home job, on its way to the site rendering some of its frames ({@code frame}, {@code value} may be null). */
    record RemoteControl(String homeJobId, String action, Integer frame, Integer value) implements MeshMessage {}

    /** The rendering site finished every frame it was offered of a home job (its part is done). */
    record SiteDone(String homeJobId, String site, int frames) implements MeshMessage {}

    /** The newcomer's connection to {@code holder} ended (admitted, gone, or timed out). */
    record JoinClosed(String name, String fingerprint, String holder) implements MeshMessage {}
}
