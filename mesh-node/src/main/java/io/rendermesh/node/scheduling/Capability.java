package io.rendermesh.node.scheduling;

import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.RendererInfo;
import io.rendermesh.protocol.model.Requirements;

/** Whether a node meets a job profile's needs: renderer package and version, frame size, cores, memory, tags. */
public final class Capability {
    private Capability() {
    }

    /** Null when the node can render the job, else why not (shown to the user). */
    public static String mismatch(JobProfile profile, NodeResources node) {
        String pkg = profile.renderer().packageName();
        String min = profile.renderer().minVersion();
        RendererInfo renderer = node.renderers().stream().filter(r -> r.packageName().equals(pkg)).findFirst().orElse(null);
        if (renderer == null) return "has no " + pkg + " renderer";
        if (min != null && !versionAtLeast(renderer.version(), min)) {
            return "has " + pkg + " " + renderer.version() + ", job needs " + min + " or newer";
        }
        long pixels = (long) profile.width() * profile.height();
        if (pixels > node.maxFramePixels()) {
            return "can hold frames of up to " + node.maxFramePixels() + " pixels, job's frames have " + pixels;
        }
        Requirements req = profile.requirements();
        if (node.cores() < req.minCores()) return "has " + node.cores() + " cores, job needs " + req.minCores();
        if (node.memoryMb() < req.minMemoryMb()) return "has " + node.memoryMb() + " MB memory, job needs " + req.minMemoryMb();
        for (String tag : req.tags()) {
            if (!node.tags().contains(tag)) return "lacks tag '" + tag + "'";
        }
        return null;
    }

    public static boolean canRender(JobProfile profile, NodeResources node) {
        return node.state().takesNewFrames() && mismatch(profile, node) == null;
    }

    /** Compares dotted versions numerically ("3.10" > "3.7"); non-numeric parts compare as text. */
    public static boolean versionAtLeast(String have, String min) {
        if (have == null) return false;
        String[] a = have.trim().split("[.\\-+ ]");
        String[] b = min.trim().split("[.\\-+ ]");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "0";
            String y = i < b.length ? b[i] : "0";
            int c = comparePart(x, y);
            if (c != 0) return c > 0;
        }
        return true;
    }

    private static int comparePart(String x, String y) {
        String dx = x.replaceAll("\\D.*$", "");
        String dy = y.replaceAll("\\D.*$", "");
        if (!dx.isEmpty() && !dy.isEmpty()) {
            int c = Long.compare(Long.parseLong(dx.length() > 18 ? dx.substring(0, 18) : dx),
                    Long.parseLong(dy.length() > 18 ? dy.substring(0, 18) : dy));
            if (c != 0) return c;
        }
        return x.compareTo(y);
    }
}
