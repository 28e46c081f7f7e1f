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
    /** A split frame has at most SplitPlan.MAX_PARTS parts, and set-samples may add as many again. */
    static final int MAX_PARTS = 2 * io.rendermesh.node.splitting.SplitPlan.MAX_PARTS;
    /** Samples are downsized to a few hundred pixels before they travel; a larger one is not decoded. */
    static final int MAX_SIDE = 1024;

    /** The frame's latest merged sample: {@code pass} counts every part's passes. */
    record Merged(BufferedImage image, int pass) {
    }

    /** A part's latest sample, kept as it came (decoded only when the frame's sample is put together). */
    private record Latest(int lease, FramePart part, byte[] jpeg, int passes) {
    }

    private static final class Frame {
        final TreeMap<Integer, Latest> parts = new TreeMap<>();
        long composedAt = Long.MIN_VALUE / 2;
    }

    /** Putting a frame's sample together costs a decode per part and an encode: not more often than this. */
    static final long COMPOSE_INTERVAL_MILLIS = 250;

    private final Map<String, Frame> frames = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Frame> eldest) {
            return size() > MAX_FRAMES;
        }
    };

    /**
     * Adds a part's sample; returns the frame's merged sample when one is due (at most every
     * {@link #COMPOSE_INTERVAL_MILLIS}, and at once for a part's first sample), else empty (also for
     * a sample older than what this node has of that part, or one that cannot be read).
     */
    Optional<Merged> add(Sample s, int frameHeight, long now) {
        if (s.image() == null || s.part().count() > MAX_PARTS) return Optional.empty();
        Frame f = frames.computeIfAbsent(s.jobId() + "#" + s.frame(), k -> new Frame());
        // a newer split of the frame (its leases count from a higher attempt) replaces the older one
        f.parts.values().removeIf(l -> l.lease / 1000 != s.attempt() / 1000);
        Latest before = f.parts.get(s.part().index());
        if (before != null && before.lease == s.attempt() && before.passes > s.pass()) return Optional.empty();
        f.parts.put(s.part().index(), new Latest(s.attempt(), s.part(), s.image(), Math.max(0, s.pass())));
        if (before != null && now - f.composedAt < COMPOSE_INTERVAL_MILLIS) return Optional.empty();
        f.composedAt = now;
        return compose(f.parts, frameHeight);
    }

    private static Optional<Merged> compose(TreeMap<Integer, Latest> parts, int frameHeight) {
        java.util.List<Decoded> images = new java.util.ArrayList<>();
        for (Latest l : parts.values()) {
            try {
                BufferedImage img = decode(l.jpeg);
                if (img != null) images.add(new Decoded(l.part, img, l.passes));
            } catch (IOException | RuntimeException e) {
                // a part's unreadable sample is left out; its next one may do
            }
        }
        if (images.isEmpty()) return Optional.empty();
        return Optional.of(merge(images, images.get(0).image.getWidth(), images.get(0).image.getHeight(), frameHeight));
    }

    private record Decoded(FramePart part, BufferedImage image, int passes) {
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

    private static Merged merge(java.util.List<Decoded> parts, int w, int h, int frameHeight) {
        boolean regions = parts.stream().anyMatch(l -> l.part.byRegion(frameHeight));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * h];
        if (regions) {
            int total = 0;
            int[] src = new int[w * h];
            for (Decoded l : parts) {
                if (l.image.getWidth() != w || l.image.getHeight() != h) continue;
                l.image.getRGB(0, 0, w, h, src, 0, w);
                int from = (int) ((long) l.part.rowFrom() * h / frameHeight);
                int to = Math.min(h, (int) ((long) l.part.rowTo() * h / frameHeight));
                if (to > from) System.arraycopy(src, from * w, px, from * w, (to - from) * w);
                total += l.passes;
            }
            out.setRGB(0, 0, w, h, px, 0, w);
            return new Merged(out, total / Math.max(1, parts.size()));
        }
        long[] sum = new long[w * h * 3];
        int[] src = new int[w * h];
        int weight = 0;
        for (Decoded l : parts) {
            if (l.passes < 1 || l.image.getWidth() != w || l.image.getHeight() != h) continue;
            weight += l.passes;
            l.image.getRGB(0, 0, w, h, src, 0, w);
            for (int i = 0; i < src.length; i++) {
                int rgb = src[i];
                sum[i * 3] += (long) ((rgb >> 16) & 0xff) * l.passes;
                sum[i * 3 + 1] += (long) ((rgb >> 8) & 0xff) * l.passes;
                sum[i * 3 + 2] += (long) (rgb & 0xff) * l.passes;
            }
        }
        if (weight == 0) return new Merged(out, 0);
        for (int i = 0; i < px.length; i++) {
            px[i] = (int) (sum[i * 3] / weight) << 16 | (int) (sum[i * 3 + 1] / weight) << 8 | (int) (sum[i * 3 + 2] / weight);
        }
        out.setRGB(0, 0, w, h, px, 0, w);
        return new Merged(out, weight);
    }
}
