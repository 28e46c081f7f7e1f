package io.rendermesh.node.sites;

import io.rendermesh.node.scheduling.Capability;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.RendererInfo;
import io.rendermesh.protocol.model.SiteInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many of a job's pending frames to offer to other sites, as a pure function. Only jobs that
 * allow it, only while no capable node of this site has a free slot, only to sites that are up and
 * have the renderer, and no more than a few frames per slot that site has for us (its free slots
 * and those rendering our frames), less the frames it holds of ours already: enough that a site
 * with short frames never waits for more, few enough that the rest stays home, where a slot that
 * frees up takes the next frame.
 */
public final class Overflow {
    private Overflow() {
    }

    /** @return site name → frames to offer it now (sites in the order given) */
    /** Frames offered per slot a site has for us, so its slots stay busy between two offers. */
    static final int FRAMES_PER_SLOT = 4;

    /** What this site's jobs have at another site now: frames offered there, and how many of them render. */
    public record AtSite(int outstanding, int rendering) {
        static final AtSite NONE = new AtSite(0, 0);
    }

    public static Map<String, Integer> plan(JobProfile profile, int pending, List<NodeResources> local, List<SiteInfo> sites,
                                            String homeSite, Map<String, AtSite> ours) {
        Map<String, Integer> plan = new LinkedHashMap<>();
        if (!profile.allowRemote() || pending <= 0) return plan;
        boolean freeHere = local.stream().anyMatch(n -> n.freeSlots() > 0 && Capability.canRender(profile, n));
        if (freeHere) return plan;
        int left = pending;
        for (SiteInfo s : sites) {
            if (left == 0) break;
            if (s.name().equals(homeSite) || !"up".equals(s.state()) || !hasRenderer(s, profile)) continue;
            AtSite at = ours.getOrDefault(s.name(), AtSite.NONE);
            int slotsForUs = Math.min(s.slots(), s.freeSlots() + at.rendering());
            int room = slotsForUs * FRAMES_PER_SLOT - at.outstanding();
            if (room <= 0) continue;
            int n = Math.min(left, room);
            plan.put(s.name(), n);
            left -= n;
        }
        return plan;
    }

    private static boolean hasRenderer(SiteInfo s, JobProfile profile) {
        for (RendererInfo r : s.renderers()) {
            if (r.packageName().equals(profile.renderer().packageName())
                    && (profile.renderer().minVersion() == null || Capability.versionAtLeast(r.version(), profile.renderer().minVersion()))) {
                return true;
            }
        }
        return false;
    }
}
