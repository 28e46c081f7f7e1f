package io.rendermesh.node.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders this node made and no longer needs (a job's frames or files, a scratch or validation folder). */
public final class Folders {
    private Folders() {
    }

    /** Deletes {@code dir} and everything in it, deepest first; links are removed, never followed. Nothing there: nothing done. */
    public static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
