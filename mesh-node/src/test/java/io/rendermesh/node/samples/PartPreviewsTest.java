package io.rendermesh.node.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.protocol.message.MeshMessage.Sample;
import io.rendermesh.protocol.model.FramePart;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PartPreviewsTest {
    private final PartPreviews previews = new PartPreviews();

    private static byte[] solid(int rgb) throws Exception {
        BufferedImage img = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) for (int x = 0; x < 16; x++) img.setRGB(x, y, rgb);
        return SampleRelay.encodeJpeg(img);
    }

    private static Sample sample(int lease, FramePart part, int pass, byte[] jpeg) {
        return new Sample("j", 1, lease, "n" + part.index(), pass, part.passes(), "image/jpeg", jpeg, 0, part);
    }

    @Test
    void partsBySamplesAreWeighedByTheirPasses() throws Exception {
        FramePart a = new FramePart(0, 2, 0, 8, 0, 90);
        FramePart b = new FramePart(1, 2, 8, 16, 0, 90);
        assertTrue(previews.add(sample(1001, a, 1, solid(0xff0000)), 90, 0).isPresent(), "a part's first sample shows at once");
        var merged = previews.add(sample(1002, b, 3, solid(0x0000ff)), 90, 10).orElseThrow();
        assertEquals(4, merged.pass());
        int rgb = merged.image().getRGB(8, 4);
        assertEquals(64, (rgb >> 16) & 0xff, 6);
        assertEquals(191, rgb & 0xff, 6);
        assertTrue(previews.add(sample(1002, b, 4, solid(0x0000ff)), 90, 100).isEmpty(), "put together at most every 250 ms");
        assertEquals(5, previews.add(sample(1002, b, 4, solid(0x0000ff)), 90, 400).orElseThrow().pass());
        assertTrue(previews.add(sample(1002, b, 2, solid(0x0000ff)), 90, 1_000).isEmpty(), "an older sample of a part is dropped");
    }

    @Test
    void partsByRegionsFillTheirRows() throws Exception {
        FramePart top = new FramePart(0, 2, 0, 4, 0, 45);
        FramePart bottom = new FramePart(1, 2, 0, 4, 45, 90);
        previews.add(sample(1001, top, 2, solid(0xff0000)), 90, 0);
        var merged = previews.add(sample(1002, bottom, 2, solid(0x00ff00)), 90, 1).orElseThrow();
        assertTrue(((merged.image().getRGB(3, 1) >> 16) & 0xff) > 200, "top rows from the top part");
        assertTrue(((merged.image().getRGB(3, 7) >> 8) & 0xff) > 200, "bottom rows from the bottom part");
    }

    @Test
    void aNewSplitOfTheFrameReplacesTheOldOnesParts() throws Exception {
        FramePart a = new FramePart(0, 2, 0, 8, 0, 90);
        previews.add(sample(1001, a, 4, solid(0xff0000)), 90, 0);
        var merged = previews.add(sample(2001, a, 1, solid(0x0000ff)), 90, 1).orElseThrow();
        assertEquals(1, merged.pass(), "the first split's passes no longer count");
    }

    @Test
    void aForgedSampleClaimingMorePartsThanASplitHasOrAHugeImageIsNotDecoded() throws Exception {
        FramePart many = new FramePart(40, 1_000, 0, 8, 0, 90);
        assertTrue(previews.add(sample(1001, many, 1, solid(0xff0000)), 90, 0).isEmpty(), "1,000 parts: no split has that many");
        BufferedImage big = new BufferedImage(PartPreviews.MAX_SIDE + 1, 8, BufferedImage.TYPE_INT_RGB);
        FramePart a = new FramePart(0, 2, 0, 8, 0, 90);
        assertTrue(previews.add(sample(1001, a, 1, SampleRelay.encodeJpeg(big)), 90, 0).isEmpty(), "wider than any sample: not decoded");
    }
}
