package io.rendermesh.node.render.blender;

import io.rendermesh.protocol.model.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The Blender command line for one frame. The --python-expr only sets engine, resolution and
 * samples, built from numbers and a fixed list of engine names, never from a peer's text.
 * Blender handles its arguments in order, so the expression comes before -f.
 */
record BlenderArgs(String executable, Path blend, Path outDir, String engine, int width, int height, int percent,
                   int samples, int threads, int frame, int rowFrom, int rowTo) {
    static final Set<String> ENGINES = Set.of("CYCLES", "BLENDER_EEVEE", "BLENDER_WORKBENCH");

    /** The whole frame. */
    BlenderArgs(String executable, Path blend, Path outDir, String engine, int width, int height, int percent, int samples,
                int threads, int frame) {
        this(executable, blend, outDir, engine, width, height, percent, samples, threads, frame, 0, height);
    }

    BlenderArgs {
        if (!ENGINES.contains(engine)) {
            throw new InvalidInputException("params.engine must be one of " + ENGINES + ", got '" + engine + "'");
        }
    }

    static String engineOf(java.util.Map<String, String> params) {
        return params.getOrDefault("engine", "CYCLES");
    }

    String pythonExpr() {
        // Debian's Blender is built without OpenImageDenoise: denoising on aborts the render
        return "import bpy\n"
                + "s = bpy.context.scene\n"
                + "s.render.engine = '" + engine + "'\n"
                + "s.render.resolution_x = " + width + "\n"
                + "s.render.resolution_y = " + height + "\n"
                + "s.render.resolution_percentage = " + percent + "\n"
                + "s.cycles.samples = " + samples + "\n"
                + "s.cycles.use_denoising = False\n"
                + "s.eevee.taa_render_samples = " + samples + "\n"
                + border();
    }

    /**
     * One region of a frame split across nodes: a border render, not cropped, so the image is the
     * whole frame. Blender's border counts from the bottom; a row more on each side covers its rounding.
     */
    private String border() {
        if (rowFrom <= 0 && rowTo >= height) return "";
        double min = Math.max(0, 1 - (rowTo + 1) / (double) height);
        double max = Math.min(1, 1 - (rowFrom - 1) / (double) height);
        return "s.render.use_border = True\n"
                + "s.render.use_crop_to_border = False\n"
                + "s.render.border_min_x = 0.0\n"
                + "s.render.border_max_x = 1.0\n"
                + String.format(java.util.Locale.ROOT, "s.render.border_min_y = %.6f%n", min)
                + String.format(java.util.Locale.ROOT, "s.render.border_max_y = %.6f%n", max);
    }

    List<String> argv() {
        return List.of(executable, "-b", "--factory-startup", "--disable-autoexec", blend.toString(),
                "--python-expr", pythonExpr(), "-o", outDir.resolve("frame_####").toString(), "-F", "PNG", "-x", "1",
                "-t", Integer.toString(Math.max(1, threads)), "-f", Integer.toString(frame));
    }
}
