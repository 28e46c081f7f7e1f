package io.rendermesh.node.samples;

import io.rendermesh.protocol.message.MeshMessage.Sample;
import io.rendermesh.protocol.model.FramePart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * The live sample of a frame split across nodes: each part sends its own (its passes' mean, or
 * its rows), and this puts the latest of each together as one image. A split by samples weighs
 * each part's image by its passes, so the picture refines as the parts do; a split by regions
 * fills each part's rows. Confined to the loop thread; bounded to the frames seen last.
 */
final class PartPreviews {
    private static final int MAX_FRAMES = 32;
    /** Samples are downsized to a few hundred pixels before they travel; a larger one is not decoded. */
    static final int MAX_SIDE = 2048;

    /** The frame's latest merged sample: {@code pass} counts every part's passes. */
    record Merged(BufferedImage image, int pass) {
    }

    private record Latest(int lease, FramePart part, BufferedImage image, int passes) {
    }

    private final Map<String, TreeMap<Integer, Latest>> frames = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TreeMap<Integer, Latest>> eldest) {
            return size() > MAX_FRAMES;
        }
    };

    /**
     * Adds a part's sample; returns the frame's merged sample, or empty when the sample cannot be
     * read or is older than what this node has of that part.
     */
    Optional<Merged> add(Sample s, int frameHeight) {
        BufferedImage img;
        try {
            img = decode(s.image());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (img == null) return Optional.empty();
        String key = s.jobId() + "#" + s.frame();
        TreeMap<Integer, Latest> parts = frames.computeIfAbsent(key, k -> new TreeMap<>());
        // a newer split of the frame (its leases count from a higher attempt) replaces the older one
        parts.values().removeIf(l -> l.lease / 1000 != s.attempt() / 1000);
        Latest before = parts.get(s.part().index());
        if (before != null && before.lease == s.attempt() && before.passes > s.pass()) return Optional.empty();
        parts.put(s.part().index(), new Latest(s.attempt(), s.part(), img, Math.max(0, s.pass())));
        return Optional.of(merge(parts, img.getWidth(), img.getHeight(), frameHeight));
    }

    /** Decodes a sample, after checking the size its header declares (a peer's bytes). */
    static BufferedImage decode(byte[] bytes) throws IOException {
        if (bytes == null) return null;
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            var reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if (reader.getWidth(0) > MAX_SIDE || reader.getHeight(0) > MAX_SIDE) return null;
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static Merged merge(TreeMap<Integer, Latest> parts, int w, int h, int frameHeight) {
        boolean regions = parts.values().stream().anyMatch(l -> l.part.byRegion(frameHeight));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        if (regions) {
            int total = 0;
            for (Latest l : parts.values()) {
                int from = (int) ((long) l.part.rowFrom() * h / frameHeight);
                int to = (int) ((long) l.part.rowTo() * h / frameHeight);
                for (int y = from; y < Math.min(to, Math.min(h, l.image.getHeight())); y++) {
                    for (int x = 0; x < Math.min(w, l.image.getWidth()); x++) out.setRGB(x, y, l.image.getRGB(x, y));
                }
                total += l.passes;
            }
            return new Merged(out, total / Math.max(1, parts.size()));
        }
        long[] sum = new long[w * h * 3];
        int weight = 0;
        for (Latest l : parts.values()) {
            if (l.passes < 1 || l.image.getWidth() != w || l.image.getHeight() != h) continue;
            weight += l.passes;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = l.image.getRGB(x, y);
                    int i = (y * w + x) * 3;
                    sum[i] += (long) ((rgb >> 16) & 0xff) * l.passes;
                    sum[i + 1] += (long) ((rgb >> 8) & 0xff) * l.passes;
                    sum[i + 2] += (long) (rgb & 0xff) * l.passes;
                }
            }
        }
        if (weight == 0) return new Merged(out, 0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                out.setRGB(x, y, (int) (sum[i] / weight) << 16 | (int) (sum[i + 1] / weight) << 8 | (int) (sum[i + 2] / weight));
            }
        }
        return new Merged(out, weight);
    }
}
