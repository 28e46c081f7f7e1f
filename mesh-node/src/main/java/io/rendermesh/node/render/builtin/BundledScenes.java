package io.rendermesh.node.render.builtin;

import io.rendermesh.protocol.model.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scenes shipped inside the jar ({@code builtin:demo}, {@code builtin:showcase}). Each lives in
 * {@code /scenes/<name>/} with a {@code files.txt} index; it is copied once to a temporary folder
 * so textures and models load from files like any uploaded scene.
 */
public final class BundledScenes {
    public static final List<String> NAMES = List.of("builtin:demo", "builtin:showcase");
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private BundledScenes() {
    }

    /** The scene file of a bundled scene, extracted on first use. */
    public static Path sceneFile(String scene) {
        if (!NAMES.contains(scene)) throw new InvalidInputException("unknown bundled scene '" + scene + "': use one of " + NAMES);
        String name = scene.substring("builtin:".length());
        return EXTRACTED.computeIfAbsent(name, BundledScenes::extract).resolve("scene.json");
    }

    private static Path extract(String name) {
        try {
            Path dir = Files.createTempDirectory("rendermesh-scene-" + name + "-");
            dir.toFile().deleteOnExit();
            String index;
            try (InputStream in = resource(name, "files.txt")) {
                index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String rel : index.split("\\R")) {
                if (rel.isBlank()) continue;
                Path target = dir.resolve(rel.trim());
                Files.createDirectories(target.getParent());
                try (InputStream in = resource(name, rel.trim())) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack bundled scene " + name, e);
        }
    }

    private static InputStream resource(String scene, String rel) throws IOException {
        InputStream in = BundledScenes.class.getResourceAsStream("/scenes/" + scene + "/" + rel);
        if (in == null) throw new IOException("missing bundled file scenes/" + scene + "/" + rel);
        return in;
    }
}
