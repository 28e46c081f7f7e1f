package io.rendermesh.node;

import io.rendermesh.node.api.NodeApi.UploadTooLargeException;
import io.rendermesh.node.api.NodeApi.UploadedFile;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.render.RendererRegistry;
import io.rendermesh.node.storage.BlobStore;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.BundlePath;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a submitted profile and its files into a new job record: checks the frame count and size,
 * the scene and the file paths, stores the files as blobs, lets the renderer check the scene, and
 * numbers the frames.
 */
final class JobSubmission {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String self;
    private final NodeConfig config;
    private final NodeParts parts;
    private final RendererRegistry renderers;
    private final Supplier<List<NodeResources>> nodes;

    /** @param nodes the mesh's resource map as it stands (for the largest frame any node can hold) */
    JobSubmission(String self, NodeConfig config, NodeParts parts, RendererRegistry renderers, Supplier<List<NodeResources>> nodes) {
        this.self = self;
        this.config = config;
        this.parts = parts;
        this.renderers = renderers;
        this.nodes = nodes;
    }

    JobRecord prepare(JobProfile profile, List<UploadedFile> files, long now) throws IOException {
        String pkg = profile.renderer().packageName();
        boolean bundled = profile.scene().startsWith("builtin:");
        if (bundled && !"builtin".equals(pkg)) {
            throw new InvalidInputException("scene " + profile.scene() + " is a bundled scene of the builtin renderer, not " + pkg);
        }
        if (bundled && !parts.bundledScenes().contains(profile.scene())) {
            throw new InvalidInputException("unknown bundled scene '" + profile.scene() + "': use one of " + parts.bundledScenes());
        }
        SubmissionLimits.checkFrameCount(profile, config.limits().maxFramesPerJob());
        SubmissionLimits.checkFrameSize(profile, nodes.get());
        List<BundleEntry> manifest = store(files);
        boolean needsSceneFile = !bundled && !"synthetic".equals(pkg);
        if (needsSceneFile) {
            String scene = BundlePath.normalize(profile.scene());
            if (manifest.stream().noneMatch(e -> e.path().equals(scene))) {
                throw new InvalidInputException("scene file '" + profile.scene() + "' is not among the uploaded files"
                        + (manifest.isEmpty() ? " (no files were uploaded)" : ""));
            }
        }
        String id = newJobId();
        Optional<Renderer> renderer = renderers.get(pkg);
        if (renderer.isPresent() && (bundled || needsSceneFile)) validate(renderer.get(), profile, id, manifest);
        List<FrameRecord> frames = new ArrayList<>();
        for (int n : profile.frameList()) frames.add(FrameRecord.pending(n, profile.samples()));
        return new JobRecord(id, profile, manifest, self, self, config.site(), JobState.PENDING, profile.priority(),
                profile.samples(), now, 1, 0, frames, Set.of(), null);
    }

    /**
     * Lets the renderer check the scene with the files laid out from this node's blobs in a folder
     * of its own, deleted afterwards: all are local (just stored), so no JobFiles and no fetch
     * thread are needed, and nothing of a refused job stays behind.
     */
    private void validate(Renderer renderer, JobProfile profile, String id, List<BundleEntry> manifest) throws IOException {
        Path root = Files.createDirectories(config.dataDir().resolve("validation"));
        Path dir = Files.createTempDirectory(root, id + "-");
        try {
            for (BundleEntry e : manifest) {
                Path blob = parts.blobs().path(e.sha256()).orElseThrow(() -> new IOException("blob of " + e.path() + " vanished"));
                Path target = dir.resolve(e.path());
                Files.createDirectories(target.getParent());
                try {
                    Files.createLink(target, blob);
                } catch (IOException | UnsupportedOperationException linkFailed) {
                    Files.copy(blob, target);
                }
            }
            renderer.validate(profile, dir);
        } finally {
            io.rendermesh.node.storage.Folders.deleteTree(dir);
        }
    }

    private List<BundleEntry> store(List<UploadedFile> files) throws IOException {
        List<String> paths = new ArrayList<>();
        for (UploadedFile f : files) paths.add(BundlePath.normalize(f.path()));
        BundlePath.checkManifest(paths);
        BlobStore blobs = parts.blobs();
        long budget = config.maxUploadBytes();
        List<BundleEntry> manifest = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String sha;
            try (InputStream in = files.get(i).content().open()) {
                sha = blobs.put(in, budget);
            } catch (BlobStore.BlobTooLargeException e) {
                throw new UploadTooLargeException("upload exceeds this node's limit of " + config.maxUploadBytes() + " bytes");
            }
            long size = blobs.size(sha);
            budget -= size;
            manifest.add(new BundleEntry(paths.get(i), sha, size));
        }
        manifest.sort(Comparator.comparing(BundleEntry::path));
        return manifest;
    }

    private static String newJobId() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return "j" + HexFormat.of().formatHex(b);
    }
}
