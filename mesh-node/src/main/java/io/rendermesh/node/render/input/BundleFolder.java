package io.rendermesh.node.render.input;

import io.rendermesh.protocol.model.BundlePath;
import io.rendermesh.protocol.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one way a renderer running inside the node turns a name found in a scene (a texture, a mesh
 * file, a glTF buffer or image URI) into a file: a relative bundle path, resolved against the
 * folder of the file that names it, which must be a regular file inside the job's folder, also
 * after following symbolic links. A scene is a peer's input: without this, {@code ../../etc/passwd}
 * as a glTF buffer would be read and rendered.
 */
public final class BundleFolder {
    private final Path root;
    private final Path realRoot;

    public BundleFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException("the job's folder cannot be read: " + e.getMessage());
        }
    }

    public Path root() {
        return root;
    }

    /** A bundle path relative to the job's folder (the scene file itself). */
    public Path file(String raw, String what) {
        return file(root, raw, what);
    }

    /**
     * {@code raw}, named by a file in folder {@code base}, as a file of the bundle.
     *
     * @param what how the message names it, e.g. "texture" or "glTF buffer"
     * @throws InvalidInputException naming {@code raw} when it is absolute, a URI, leaves the folder or is missing
     */
    public Path file(Path base, String raw, String what) {
        String shown = shown(raw);
        if (raw != null && hasScheme(raw)) {
            throw new InvalidInputException(what + " '" + shown + "' is a URI: only files of the job's bundle (or data: URIs) may be used");
        }
        String rel;
        try {
            rel = BundlePath.normalize(raw);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(what + " '" + shown + "' is not a file of the job's bundle: " + e.getMessage());
        }
        Path file = base.toAbsolutePath().normalize().resolve(rel).normalize();
        if (!file.startsWith(root)) {
            throw new InvalidInputException(what + " '" + shown + "' is outside the job's folder");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(file)) {
            throw new InvalidInputException(what + " '" + shown + "' is missing from the job's files");
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
                throw new InvalidInputException(what + " '" + shown + "' links outside the job's folder");
            }
            return real;
        } catch (IOException e) {
            throw new InvalidInputException(what + " '" + shown + "' cannot be read: " + e.getMessage());
        }
    }

    /** "file:", "http:", "data:"... (but not a Windows drive letter, which BundlePath refuses on its own). */
    static boolean hasScheme(String raw) {
        int colon = raw.indexOf(':');
        if (colon < 2) return false;
        String scheme = raw.substring(0, colon).toLowerCase(Locale.ROOT);
        return scheme.matches("[a-z][a-z0-9+.\\-]*");
    }

    static String shown(String raw) {
        if (raw == null) return "null";
        String s = raw.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
