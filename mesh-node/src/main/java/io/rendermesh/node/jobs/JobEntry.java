package io.rendermesh.node.jobs;

import io.rendermesh.node.scheduling.JobLoad;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One job in this node's replica of the job table. Mutable and confined to the node's loop
 * thread; {@link #toRecord()} gives an immutable copy for the API, the journal and the wire.
 */
public final class JobEntry {
    final String id;
    final JobProfile profile;
    final List<BundleEntry> manifest;
    final String submittedBy;
    final String site;
    final long createdAtMillis;
    String coordinator;
    JobState state;
    int priority;
    int samples;
    long epoch;
    long seq;
    String pendingReason;
    final Set<String> blocked = new HashSet<>();
    private final FrameRecord[] frames;
    private final Map<Integer, Integer> index = new HashMap<>();
    private final int[] counts = new int[FrameState.values().length];
    /** No frame before this index is pending: lets the coordinator find the next frame without a full scan. */
    private int pendingHint;
    /** What this node has seen of the job's pace, for its time left. */
    final JobEta eta = new JobEta();
    /** Coordinator only: failed attempts per node, to block a node that keeps failing. */
    private final Map<String, Integer> failuresByNode = new HashMap<>();
    /** The parts of frames split across nodes, as the coordinator last published them (not journaled). */
    private final Map<Integer, List<io.rendermesh.protocol.message.MeshMessage.PartView>> parts = new HashMap<>();
    private long partsChanges;

    JobEntry(JobRecord r) {
        id = r.id();
        profile = r.profile();
        manifest = r.manifest();
        submittedBy = r.submittedBy();
        site = r.site();
        createdAtMillis = r.createdAtMillis();
        frames = r.frames().toArray(new FrameRecord[0]);
        for (int i = 0; i < frames.length; i++) {
            index.put(frames[i].frame(), i);
            counts[frames[i].state().ordinal()]++;
        }
        replaceHeader(r);
    }

    void replaceHeader(JobRecord r) {
        coordinator = r.coordinator();
        state = r.state();
        priority = r.priority();
        samples = r.samples();
        epoch = r.epoch();
        seq = r.seq();
        pendingReason = r.pendingReason();
        blocked.clear();
        blocked.addAll(r.blockedNodes());
    }

    public String id() {
        return id;
    }

    public JobProfile profile() {
        return profile;
    }

    public String coordinator() {
        return coordinator;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public JobState state() {
        return state;
    }

    public int samples() {
        return samples;
    }

    public long epoch() {
        return epoch;
    }

    /** The sequence number of the latest change applied. */
    public long toSeq() {
        return seq;
    }

    public long createdAtMillis() {
        return createdAtMillis;
    }

    public List<BundleEntry> manifest() {
        return manifest;
    }

    /** Counts one more failed attempt of {@code node} on this job; returns the count. */
    /** The parts of {@code frame} while it renders split across nodes; empty when it renders whole. */
    public List<io.rendermesh.protocol.message.MeshMessage.PartView> parts(int frame) {
        FrameRecord f = frame(frame);
        // kept while the frame renders and once it is done (who rendered which part); a frame rendering again starts afresh
        if (f == null || !(f.state().inFlight() || f.state() == FrameState.DONE)) return List.of();
        return parts.getOrDefault(frame, List.of());
    }

    public void parts(int frame, List<io.rendermesh.protocol.message.MeshMessage.PartView> views) {
        partsChanges++;
        if (views.isEmpty()) parts.remove(frame);
        else parts.put(frame, List.copyOf(views));
    }

    public int failuresByNodeIncrement(String node) {
        return failuresByNode.merge(node, 1, Integer::sum);
    }

    public FrameRecord frame(int number) {
        Integer i = index.get(number);
        return i == null ? null : frames[i];
    }

    public boolean hasFrame(int number) {
        return index.containsKey(number);
    }

    /** Replaces a frame's record; returns the previous one. */
    FrameRecord put(FrameRecord f) {
        int i = index.get(f.frame());
        FrameRecord old = frames[i];
        counts[old.state().ordinal()]--;
        counts[f.state().ordinal()]++;
        frames[i] = f;
        if (f.state() == FrameState.PENDING && i < pendingHint) pendingHint = i;
        return old;
    }

    /** Index from which to look for a pending frame; see {@link #pendingHint}. */
    public int pendingSearchStart() {
        return pendingHint;
    }

    /** Records that frames before {@code index} are not pending. */
    public void pendingSearchFrom(int index) {
        pendingHint = Math.max(pendingHint, index);
    }

    public int indexOf(int frame) {
        Integer i = index.get(frame);
        return i == null ? -1 : i;
    }

    public int count(FrameState s) {
        return counts[s.ordinal()];
    }

    public int inFlight() {
        return count(FrameState.ASSIGNED) + count(FrameState.RENDERING);
    }

    List<FrameRecord> frames() {
        return Arrays.asList(frames);
    }

    /** A read-only view of the frames in frame order; valid on the loop thread only. */
    public List<FrameRecord> frameList() {
        return java.util.Collections.unmodifiableList(Arrays.asList(frames));
    }

    /** The job state implied by its frames, keeping explicit pause and cancel. */
    JobState derivedState() {
        if (state == JobState.CANCELLED) return state;
        int open = count(FrameState.PENDING) + inFlight();
        if (open == 0) {
            return count(FrameState.DONE) == frames.length ? JobState.DONE : JobState.FAILED;
        }
        if (state == JobState.PAUSED) return state;
        return count(FrameState.DONE) > 0 || inFlight() > 0 ? JobState.RUNNING : JobState.PENDING;
    }

    /** Seconds left at the pace this node has seen, 0 once done, null while unknown, paused or ended otherwise. */
    public Long etaSeconds(long now) {
        if (state == JobState.DONE) return 0L;
        if (state.terminal() || state == JobState.PAUSED) return null;
        double inFlight = 0;
        for (FrameRecord f : frames) {
            if (f.state().inFlight() && f.samplesTotal() > 0) inFlight += Math.min(1.0, f.samplesDone() / (double) f.samplesTotal());
        }
        return eta.seconds(frames.length - count(FrameState.DONE), inFlight, now);
    }

    /** Parts of split frames count as frames waiting for a node: workers ask for them like for frames. */
    public JobLoad load() {
        return new JobLoad(id, profile, state, priority, createdAtMillis, count(FrameState.PENDING) + pendingParts(), inFlight(),
                Set.copyOf(blocked));
    }

    /** Parts of this job's split frames waiting for a node, as the coordinator last published them. */
    public int pendingParts() {
        int n = 0;
        for (int frame : parts.keySet()) {
            for (var p : parts(frame)) if (p.state().equals("pending")) n++;
        }
        return n;
    }

    /** Grows with every published change to the parts of the job's split frames (they change no seq). */
    public long partsChanges() {
        return partsChanges;
    }

    public JobRecord toRecord() {
        return new JobRecord(id, profile, manifest, submittedBy, coordinator, site, state, priority, samples,
                createdAtMillis, epoch, seq, Arrays.asList(frames.clone()), blocked, pendingReason);
    }
}
