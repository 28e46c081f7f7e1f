package io.rendermesh.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** --width, --height and --samples, shared by `submit` and `demo`. */
final class ImageOptions {
    @Option(names = "--width", defaultValue = "320", description = "image width in pixels (default: ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--height", defaultValue = "180", description = "image height in pixels (default: ${DEFAULT-VALUE})")
    int height;
    @Option(names = "--samples", defaultValue = "32", description = "samples per pixel (default: ${DEFAULT-VALUE})")
    int samples;

    void writeTo(ObjectNode profile) {
        profile.put("width", width).put("height", height).put("samples", samples);
    }
}
