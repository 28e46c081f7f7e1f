package io.rendermesh.protocol.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A render job as the user describes it (see API.md, "Job profile"). Construction validates every
 * field, so a JobProfile that exists is one the mesh can schedule.
 */
public record JobProfile(
        String name,
        String scene,
        RendererSpec renderer,
        String frames,
        int width,
        int height,
        int samples,
        int priority,
        Requirements requirements,
        int timeoutPerFrameSec,
        int maxAttempts,
        boolean allowRemote,
        Map<String, String> params,
        String split) {

    public static final Set<String> KNOWN_RENDERERS = Set.of("builtin", "povray", "blender", "synthetic");
    public static final int MAX_DIMENSION = 16384;
    public static final int MAX_SAMPLES = 1_000_000;
    /** {@code split}: auto (when the mesh has more free slots than the job has frames), always, never. */
    public static final Set<String> SPLIT_MODES = Set.of("auto", "always", "never");

    public JobProfile {
        if (name == null || name.isBlank()) name = "job";
        if (name.length() > 200) throw new InvalidInputException("name is longer than 200 characters");
        if (scene == null || scene.isBlank()) throw new InvalidInputException("scene is required (a file of the bundle, or builtin:demo)");
        if (renderer == null) throw new InvalidInputException("renderer is required, e.g. {\"package\": \"builtin\"}");
        if (!KNOWN_RENDERERS.contains(renderer.packageName())) {
            throw new InvalidInputException("unknown renderer '" + renderer.packageName() + "': use one of "
                    + String.join(", ", KNOWN_RENDERERS.stream().sorted().toList()));
        }
        FrameRange.parse(frames);
        checkRange("width", width, 1, MAX_DIMENSION);
        checkRange("height", height, 1, MAX_DIMENSION);
        checkRange("samples", samples, 1, MAX_SAMPLES);
        checkRange("priority", priority, 0, 100);
        checkRange("timeoutPerFrameSec", timeoutPerFrameSec, 1, 7 * 24 * 3600);
        checkRange("maxAttempts", maxAttempts, 1, 100);
        requirements = requirements == null ? Requirements.NONE : requirements;
        params = params == null ? Map.of() : Map.copyOf(params);
        if (split == null) split = "auto";
        if (!SPLIT_MODES.contains(split)) throw new InvalidInputException("split must be auto, always or never, got '" + split + "'");
    }

    /** The fields every profile had before {@code split} (stored by protocol 3 to 5). */
    public JobProfile(String name, String scene, RendererSpec renderer, String frames, int width, int height, int samples,
                      int priority, Requirements requirements, int timeoutPerFrameSec, int maxAttempts, boolean allowRemote,
                      Map<String, String> params) {
        this(name, scene, renderer, frames, width, height, samples, priority, requirements, timeoutPerFrameSec, maxAttempts,
                allowRemote, params, null);
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(field + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    public List<Integer> frameList() {
        return FrameRange.parse(frames);
    }

    public int param(String key, int fallback) {
        String v = params.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("params." + key + " must be a whole number, got '" + v + "'");
        }
    }

    public JobProfile withPriority(int newPriority) {
        return new JobProfile(name, scene, renderer, frames, width, height, samples, newPriority, requirements,
                timeoutPerFrameSec, maxAttempts, allowRemote, params, split);
    }

    public JobProfile withSamples(int newSamples) {
        return new JobProfile(name, scene, renderer, frames, width, height, newSamples, priority, requirements,
                timeoutPerFrameSec, maxAttempts, allowRemote, params, split);
    }
}
