package io.rendermesh.node.routing;

import io.rendermesh.node.coordination.CoordinatorChoice;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.BundlePath;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.Identifiers;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobRecord;
import java.util.Collection;

/**
 * Who may send what, as pure functions of the message, its sender (the mesh-authenticated name)
 * and what this node knows. Each returns null when the message may be applied, else the reason it
 * is refused. Names are bound to members by the membership layer (a second node with a taken name
 * cannot join), so the sender's name is trustworthy; everything a message claims is not.
 */
public final class SenderRules {
    /** How far a job's epoch may move in one message: takeovers add one each, a few may pile up in a partition. */
    public static final long MAX_EPOCH_STEP = 16;
    /** A job first heard of (this node joined late, or was restarted) has seen at most this many takeovers. */
    public static final long MAX_FIRST_EPOCH = 1_000;

    /** What this node holds of a job, for the rules. */
    /** A coordinator keeps at most this many control actions per job ({@code ControlLog}). */
    static final int MAX_MERGE_CONTROLS = 256;

    public record KnownJob(String coordinator, long epoch) {
    }

    private SenderRules() {
    }

    /**
     * The one member that may publish a job's state now: its coordinator while that is a member,
     * otherwise the successor every node computes from the view.
     */
    public static String publisher(String jobId, KnownJob known, Collection<String> members) {
        if (known != null && members.contains(known.coordinator())) return known.coordinator();
        return members.isEmpty() ? null : CoordinatorChoice.successor(jobId, members);
    }

    /**
     * A full job record. Its sender must be the coordinator it names; for a job this node knows,
     * the job's publisher, except just after partitions merged, when the side with the higher epoch
     * wins (its coordinator took over while the other side could not be seen).
     */
    public static String snapshot(String from, JobRecord r, KnownJob known, Collection<String> members, boolean merging) {
        String bad = jobRecord(r);
        if (bad != null) return bad;
        if (!from.equals(r.coordinator())) return "it names " + r.coordinator() + " as coordinator of job " + r.id();
        if (known == null) {
            return r.epoch() > MAX_FIRST_EPOCH ? "epoch " + r.epoch() + " of new job " + r.id() + " is out of range" : null;
        }
        if (r.epoch() > known.epoch() + MAX_EPOCH_STEP) return "epoch " + r.epoch() + " of job " + r.id() + " jumps too far";
        if (from.equals(publisher(r.id(), known, members))) return null;
        if (merging && JobRecord.supersedes(r.epoch(), r.coordinator(), r.seq(), known.epoch(), known.coordinator(), Long.MAX_VALUE)) {
            return null;
        }
        return "it does not coordinate job " + r.id() + " (" + publisher(r.id(), known, members) + " does)";
    }

    /**
     * A partition's losing coordinator handing over its side's input: only just after a merge, from
     * the node it names, for a job this node knows at a higher epoch, with frames of that job only.
     */
    public static String mergeClaim(String from, MeshMessage.MergeClaim c, KnownJob known, boolean merging) {
        String bad = claimedName(from, c.fromNode());
        if (bad != null) return bad;
        if (!merging) return "no partition merged lately";
        if (known == null) return "unknown job " + c.jobId();
        if (c.epoch() > known.epoch()) return "epoch " + c.epoch() + " of job " + c.jobId() + " did not lose a merge";
        if (c.controls() == null || c.doneFrames() == null || c.controls().size() > MAX_MERGE_CONTROLS) return "malformed merge claim";
        for (var f : c.doneFrames()) {
            if (f == null || f.state() != FrameState.DONE || !Identifiers.isNodeName(f.node())) return "a merge claim carries only done frames";
        }
        for (var t : c.controls()) {
            if (t == null || t.action() == null) return "malformed merge claim";
        }
        return null;
    }

    /** A change to a job: only from its publisher (a delta from anyone else is a forgery or stale). */
    public static String delta(String from, String jobId, long epoch, KnownJob known, Collection<String> members) {
        if (!Identifiers.isJobId(jobId)) return "bad job id";
        if (known == null) return null; // unknown job: the table asks the sender for a snapshot, checked then
        if (epoch > known.epoch() + MAX_EPOCH_STEP) return "epoch " + epoch + " of job " + jobId + " jumps too far";
        String publisher = publisher(jobId, known, members);
        return from.equals(publisher) ? null : "it does not coordinate job " + jobId + " (" + publisher + " does)";
    }

    /** Messages that name their sender ({@code node}, {@code fromNode}, a resource entry's name). */
    public static String claimedName(String from, String claimed) {
        if (claimed == null || !claimed.equals(from)) return "it claims to be " + claimed;
        return null;
    }

    /**
     * Progress, failure and samples of a frame come only from the node holding its lease. A frame
     * nobody holds may be reported done by a node that has it stored (a worker back after a
     * restart or a takeover), which the frame state machine then checks against the attempt.
     */
    public static String frameReport(String from, FrameRecord f, boolean done) {
        if (f == null) return "no such frame";
        if (from.equals(f.node()) && (f.state().inFlight() || f.state() == FrameState.DONE)) return null;
        if (done && f.state() == FrameState.PENDING && f.node() == null) return null;
        return "it holds no lease on frame " + f.frame() + " (" + (f.node() == null ? "nobody" : f.node()) + " does)";
    }

    /**
     * A sample of a part of a split frame: the frame is leased to the job's coordinator, and once
     * its parts are known here, the sender is one of their nodes.
     */
    public static String partSample(String from, FrameRecord f, String coordinator, java.util.List<MeshMessage.PartView> parts) {
        if (f.state().inFlight() && f.node() != null && !f.node().equals(coordinator)) {
            return "frame " + f.frame() + " is not split (" + f.node() + " renders it)";
        }
        if (!f.state().inFlight()) return "frame " + f.frame() + " is not rendering";
        if (!parts.isEmpty() && parts.stream().noneMatch(p -> from.equals(p.node()))) return "it renders no part of frame " + f.frame();
        return null;
    }

    /** A lease, a denial or a command for a running frame comes only from the job's coordinator. */
    public static String fromCoordinator(String from, KnownJob known) {
        if (known == null) return "unknown job";
        return from.equals(known.coordinator()) ? null : "it is not the job's coordinator (" + known.coordinator() + " is)";
    }

    /** Ids and paths inside a job record, checked exactly as the HTTP API checks a submission's. */
    public static String jobRecord(JobRecord r) {
        if (r == null || !Identifiers.isJobId(r.id())) return "bad job id " + (r == null ? null : r.id());
        if (!Identifiers.isNodeName(r.coordinator()) || !Identifiers.isNodeName(r.submittedBy())) return "bad node name in job " + r.id();
        if (r.profile() == null || r.frames() == null || r.manifest() == null) return "incomplete job record " + r.id();
        try {
            for (BundleEntry e : r.manifest()) {
                if (!BundlePath.normalize(e.path()).equals(e.path())) return "file path " + e.path() + " is not normal";
                if (!Identifiers.isSha256(e.sha256())) return "bad blob hash for " + e.path();
            }
            BundlePath.checkManifest(r.manifest().stream().map(BundleEntry::path).toList());
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        if (r.frames().size() != r.profile().frameList().size()) return "job " + r.id() + " has frames its profile does not";
        return null;
    }
}
