package io.rendermesh.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the end-to-end renderer tests share: a scene folder copied as a user's, and frames compared with a direct run. */
final class RenderedFrames {
    private RenderedFrames() {
    }

    /** Same size, and a mean per-channel difference under 2 of 255 (renderers dither and jitter a little). */
    static void assertSimilar(BufferedImage expected, BufferedImage actual, int frame) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        long sum = 0;
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int a = expected.getRGB(x, y);
                int b = actual.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) sum += Math.abs(((a >> s) & 255) - ((b >> s) & 255));
            }
        }
        double mean = sum / (3.0 * expected.getWidth() * expected.getHeight());
        assertTrue(mean < 2.0, "frame " + frame + " differs from a direct run by " + mean + " per channel");
    }

    /**
     * Frames 1..{@code frames} of a 1280x720, 81-sample (+R9) job written to {@code out} as NNNN.png each
     * match a direct POV-Ray run of the same scene folder, rendered under {@code work}.
     */
    static void assertMatchesDirectPovray1280x720(Path scene, Path out, Path work, int frames) throws Exception {
        assertMatchesDirectPovray1280x720(scene, out, work, frames, java.util.Set.of());
    }

    /** As above, but for the frames not in {@code except} (a frame accepted as it stood is not a full render). */
    static void assertMatchesDirectPovray1280x720(Path scene, Path out, Path work, int frames, java.util.Set<Integer> except)
            throws Exception {
        for (int f = 1; f <= frames; f++) {
            if (except.contains(f)) continue;
            Path direct = Files.createDirectories(work.resolve("direct-" + f));
            Process p = new ProcessBuilder("povray", "+I" + scene.resolve("scene.pov"), "+O" + direct.resolve("frame.png"),
                    "+L" + scene, "+W1280", "+H720", "-D", "+FN", "+KFI1", "+KFF" + frames, "+SF" + f, "+EF" + f, "+A0.3", "+AM1", "+R9")
                    .directory(direct.toFile()).redirectErrorStream(true).redirectOutput(direct.resolve("log").toFile()).start();
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            Path expected;
            try (var s = Files.list(direct)) {
                expected = s.filter(x -> x.toString().endsWith(".png")).findFirst().orElseThrow();
            }
            assertSimilar(javax.imageio.ImageIO.read(expected.toFile()),
                    javax.imageio.ImageIO.read(out.resolve(String.format("%04d.png", f)).toFile()), f);
        }
    }

    static Path copyFolder(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
