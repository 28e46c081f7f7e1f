package io.rendermesh.node.render.povray;

import io.rendermesh.protocol.model.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a POV-Ray bundle at submission: every file the scene names literally (image maps,
 * height fields, includes, #fopen) must be a relative path inside the bundle or one of POV-Ray's
 * standard includes. This turns a missing texture into a 400 now instead of failed frames later,
 * and refuses scenes that name files outside their folder. Paths built at parse time are stopped
 * by POV-Ray's own I/O restrictions (see PovrayRenderer).
 */
final class PovSceneCheck {
    private static final Pattern FILE_REFERENCE = Pattern.compile(
            "(?:#include|#fopen\\s+\\w+|\\b(?:png|jpeg|jpg|tga|gif|ppm|pgm|iff|sys|tiff|exr|hdr|df3))\\s+\"([^\"]+)\"");
    private static final int MAX_SOURCE_BYTES = 16 * 1024 * 1024;

    private PovSceneCheck() {
    }

    /** @param standardIncludes POV-Ray's include folder (colors.inc...), may not exist */
    static void check(Path jobDir, Path standardIncludes) {
        try (Stream<Path> files = Files.walk(jobDir)) {
            for (Path source : files.filter(PovSceneCheck::isSource).toList()) checkSource(jobDir, source, standardIncludes);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the scene files: " + e.getMessage());
        }
    }

    private static boolean isSource(Path p) {
        String n = p.getFileName().toString().toLowerCase();
        return Files.isRegularFile(p) && (n.endsWith(".pov") || n.endsWith(".inc"));
    }

    private static void checkSource(Path jobDir, Path source, Path standardIncludes) throws IOException {
        if (Files.size(source) > MAX_SOURCE_BYTES) return; // generated meshes: too big to scan, POV-Ray's restrictions apply
        List<String> lines = Files.readAllLines(source, StandardCharsets.ISO_8859_1);
        String rel = jobDir.relativize(source).toString();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FILE_REFERENCE.matcher(stripComment(lines.get(i)));
            while (m.find()) {
                String ref = m.group(1);
                String where = rel + " line " + (i + 1) + ": ";
                if (ref.startsWith("/") || ref.startsWith("\\") || ref.matches("^[A-Za-z]:.*") || ref.contains("..")) {
                    throw new InvalidInputException(where + "\"" + ref + "\" points outside the job's folder; use a path relative to it");
                }
                boolean inBundle = Files.exists(jobDir.resolve(ref)) || Files.exists(source.getParent().resolve(ref));
                boolean standard = standardIncludes != null && Files.exists(standardIncludes.resolve(ref));
                boolean written = lines.get(i).contains("#fopen") && !lines.get(i).contains(" read");
                if (!inBundle && !standard && !written) {
                    throw new InvalidInputException(where + "\"" + ref + "\" is not among the job's files (missing texture or include?)");
                }
            }
        }
    }

    private static String stripComment(String line) {
        int c = line.indexOf("//");
        return c < 0 ? line : line.substring(0, c);
    }
}
