package io.rendermesh.protocol.model;

import java.util.List;

/** Placeholder until the storage branch lands its BundlePath. */
public final class BundlePath {
    private BundlePath() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isBlank() || raw.startsWith("/") || raw.contains("..")) throw new InvalidInputException("bad path " + raw);
        return raw;
    }

    public static void checkManifest(List<String> paths) {
    }
}
