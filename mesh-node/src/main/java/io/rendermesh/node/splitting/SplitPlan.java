package io.rendermesh.node.splitting;

import io.rendermesh.node.scheduling.Capability;
import io.rendermesh.protocol.model.FramePart;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.NodeResources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a frame is split across nodes, and into which parts: pure functions of the job and
 * the resource map, decided by the job's coordinator when it leases the frame.
 */
public final class SplitPlan {
    /** More parts than this cost more in merging and messages than they save. */
    public static final int MAX_PARTS = 16;
    /** A part of fewer passes is mostly start-up (scene load, first pass) on its node. */
    public static final int MIN_PASSES_PER_PART = 4;
    /** A region of fewer rows is mostly start-up (scene parse) for an external renderer. */
    public static final int MIN_ROWS_PER_PART = 16;

    /** How a renderer's frame divides. */
    public enum Way { NONE, SAMPLES, REGIONS }

    private SplitPlan() {
    }

    /** The builtin tracer splits by samples (its passes add up exactly); POV-Ray and Blender by regions. */
    public static Way way(String rendererPackage) {
        return switch (rendererPackage) {
            case "builtin" -> Way.SAMPLES;
            case "povray", "blender" -> Way.REGIONS;
            default -> Way.NONE;
        };
    }

    /**
     * Into how many parts the next frame of a job splits (1: it renders whole on one node). Under
     * {@code auto} a frame splits when the mesh has more free slots able to render the job than the
     * job has frames waiting, so that every one of them gets work; {@code always} splits over every
     * free capable slot (at least two parts); {@code never} does not split.
     *
     * @param pendingFrames the job's frames waiting for a node, including this one
     * @param freeSlots     free slots of nodes able to render the job, including the asking one
     */
    public static int partCount(JobProfile profile, int samples, int pendingFrames, int freeSlots) {
        Way way = way(profile.renderer().packageName());
        if (way == Way.NONE || profile.split().equals("never")) return 1;
        int wanted;
        if (profile.split().equals("always")) {
            wanted = Math.max(2, freeSlots);
        } else {
            if (pendingFrames <= 0 || freeSlots <= pendingFrames) return 1;
            wanted = freeSlots / pendingFrames;
        }
        int most = way == Way.SAMPLES ? samples / MIN_PASSES_PER_PART : profile.height() / MIN_ROWS_PER_PART;
        int parts = Math.min(Math.min(wanted, most), MAX_PARTS);
        return parts >= 2 ? parts : 1;
    }

    /** Free slots of the nodes that can render the job now. */
    public static int freeCapableSlots(JobProfile profile, Collection<NodeResources> nodes) {
        int free = 0;
        for (NodeResources n : nodes) {
            if (Capability.canRender(profile, n)) free += n.freeSlots();
        }
        return free;
    }

    /**
     * The parts of a frame of {@code samples} passes and {@code height} rows: even shares of the
     * passes (all rows each), or even bands of rows (all passes each).
     */
    public static List<FramePart> parts(Way way, int count, int samples, int height) {
        List<FramePart> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (way == Way.SAMPLES) {
                parts.add(new FramePart(i, count, share(i, count, samples), share(i + 1, count, samples), 0, height));
            } else {
                parts.add(new FramePart(i, count, 0, samples, share(i, count, height), share(i + 1, count, height)));
            }
        }
        return parts;
    }

    private static int share(int i, int count, int total) {
        return (int) ((long) i * total / count);
    }
}
