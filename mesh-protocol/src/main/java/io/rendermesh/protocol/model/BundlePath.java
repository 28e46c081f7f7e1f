package io.rendermesh.protocol.model;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * File paths inside a job bundle. A bundle path is relative, uses '/' separators, and can never
 * name anything outside the job directory, whatever a client or a peer sends.
 */
public final class BundlePath {
    public static final int MAX_PATH_CHARS = 1024;
    public static final int MAX_NAME_BYTES = 255;

    private BundlePath() {
    }

    /** The normalized form of a relative path, or an InvalidInputException saying what is wrong. */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) throw bad(raw, "it is empty");
        if (raw.length() > MAX_PATH_CHARS) throw bad(raw, "it is longer than " + MAX_PATH_CHARS + " characters");
        for (char c : raw.toCharArray()) {
            if (c < 0x20 || c == 0x7f) throw bad(raw, "it contains a control character");
        }
        String p = raw.replace('\\', '/');
        if (p.startsWith("/")) throw bad(raw, "it is absolute");
        if (p.length() >= 2 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':') throw bad(raw, "it has a drive letter");
        StringBuilder out = new StringBuilder();
        for (String segment : p.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) throw bad(raw, "it contains '..'");
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) throw bad(raw, "a name is longer than 255 bytes");
            if (out.length() > 0) out.append('/');
            out.append(segment);
        }
        if (out.length() == 0) throw bad(raw, "it names no file");
        return out.toString();
    }

    /** Rejects a bundle that names the same file twice (after normalization). */
    public static void checkManifest(List<String> paths) {
        Set<String> seen = new HashSet<>();
        for (String p : paths) {
            String n = normalize(p);
            if (!seen.add(n)) throw new InvalidInputException("the bundle names '" + n + "' twice");
        }
    }

    private static InvalidInputException bad(String raw, String why) {
        String shown = raw == null ? "null" : raw.replaceAll("\\p{Cntrl}", "?");
        if (shown.length() > 120) shown = shown.substring(0, 120) + "...";
        return new InvalidInputException("bad file path '" + shown + "': " + why);
    }
}
