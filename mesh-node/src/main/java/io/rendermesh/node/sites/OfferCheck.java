package io.rendermesh.node.sites;

import io.rendermesh.protocol.message.MeshMessage.RemoteOffer;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.BundlePath;
import io.rendermesh.protocol.model.Identifiers;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.NodeResources;
import java.util.List;

/**
 * Whether this site takes an offer from another, checked as a submission is: another site holds
 * the site key but is not trusted with more than a client is. Pure, so tested without a node.
 */
public final class OfferCheck {
    static final int MAX_FRAMES_PER_OFFER = 10_000;

    private OfferCheck() {
    }

    /** Why the offer is refused, or null. {@code nodes}: this site's nodes as the resource map has them. */
    public static String problem(String fromSite, RemoteOffer o, List<NodeResources> nodes) {
        if (!fromSite.equals(o.homeSite()) || !Identifiers.isJobId(o.homeJobId()) || o.offerId() == null || o.offerId().length() > 64) {
            return "bad offer";
        }
        if (o.frames() == null || o.frames().isEmpty() || o.frames().size() > MAX_FRAMES_PER_OFFER) return "bad frame list";
        if (o.frames().stream().anyMatch(f -> f == null || f < 0)) return "bad frame numbers";
        JobProfile p = o.profile();
        if (p == null || p.renderer() == null) return "no job profile";
        List<BundleEntry> manifest = o.manifest() == null ? List.of() : o.manifest();
        String files = fileListProblem(manifest);
        if (files != null) return files;
        String pkg = p.renderer().packageName();
        List<NodeResources> capable = nodes.stream()
                .filter(n -> n.renderers().stream().anyMatch(r -> r.packageName().equals(pkg))).toList();
        if (capable.isEmpty()) return "no node of this site has " + pkg;
        String scene = sceneProblem(p, manifest);
        if (scene != null) return scene;
        long pixels = (long) p.width() * p.height();
        if (capable.stream().noneMatch(n -> n.maxFramePixels() >= pixels)) return "a " + p.width() + "×" + p.height() + " frame is larger than any " + pkg + " node here holds";
        return null;
    }

    /** A bundled scene only for the builtin renderer; otherwise the scene file is among the files (synthetic needs none). */
    private static String sceneProblem(JobProfile p, List<BundleEntry> manifest) {
        String pkg = p.renderer().packageName();
        if (p.scene() == null) return "no scene";
        if (p.scene().startsWith("builtin:")) return "builtin".equals(pkg) ? null : "a bundled scene for " + pkg;
        if ("synthetic".equals(pkg)) return null;
        try {
            String scene = BundlePath.normalize(p.scene());
            return manifest.stream().anyMatch(e -> e.path().equals(scene)) ? null : "the scene file is not among the job's files";
        } catch (InvalidInputException e) {
            return "bad scene path";
        }
    }

    private static String fileListProblem(List<BundleEntry> manifest) {
        try {
            for (BundleEntry e : manifest) {
                if (e == null || !BundlePath.normalize(e.path()).equals(e.path()) || !Identifiers.isSha256(e.sha256()) || e.size() < 0) {
                    return "bad file list";
                }
            }
            BundlePath.checkManifest(manifest.stream().map(BundleEntry::path).toList());
            return null;
        } catch (InvalidInputException e) {
            return "bad file list: " + e.getMessage();
        }
    }
}
