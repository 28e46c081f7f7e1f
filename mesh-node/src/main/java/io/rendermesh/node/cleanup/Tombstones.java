package io.rendermesh.node.cleanup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs this node deleted, with when, in {@code DATA_DIR/deleted-jobs} (one "id millis" line
 * each, rewritten whole and renamed into place): a restart does not bring them back either.
 */
public final class Tombstones {
    private static final Logger log = LoggerFactory.getLogger(Tombstones.class);
    static final int MAX = 100_000;

    private final Path file;
    private final Map<String, Long> deleted = new LinkedHashMap<>();

    /** @param file null: kept in memory only (tests) */
    public Tombstones(Path file) {
        this.file = file;
        if (file == null || !Files.isRegularFile(file)) return;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] p = line.trim().split(" ");
                if (p.length == 2 && io.rendermesh.protocol.model.Identifiers.isJobId(p[0])) deleted.put(p[0], Long.parseLong(p[1]));
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("cannot read {} ({}); deleted jobs may come back from peers that kept them", file, e.toString());
        }
    }

    boolean contains(String id) {
        return deleted.containsKey(id);
    }

    void add(String id, long at) {
        if (deleted.size() >= MAX) return;
        if (deleted.putIfAbsent(id, at) == null) save();
    }

    void expire(long before) {
        if (deleted.values().removeIf(t -> t < before)) save();
    }

    List<String> newest(int n) {
        return deleted.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    private void save() {
        if (file == null) return;
        try {
            StringBuilder b = new StringBuilder();
            deleted.forEach((id, at) -> b.append(id).append(' ').append(at).append('\n'));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot save {}: {}", file, e.toString());
        }
    }
}
