package io.rendermesh.node.storage;

import io.rendermesh.protocol.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finished frames under {@code DATA_DIR/frames/<job>/<frame>.png}. */
public final class FileFrameStore implements FrameStore {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private final Path root;

    public FileFrameStore(Path dataDir) throws IOException {
        this.root = Files.createDirectories(dataDir.resolve("frames"));
    }

    private Path path(String jobId, int frame) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) throw new InvalidInputException("bad job id");
        if (frame < 0) throw new InvalidInputException("bad frame number " + frame);
        return root.resolve(jobId).resolve(frame + ".png");
    }

    @Override
    public void put(String jobId, int frame, byte[] png) throws IOException {
        AtomicFiles.write(path(jobId, frame), png);
    }

    @Override
    public void putFile(String jobId, int frame, Path png) throws IOException {
        AtomicFiles.move(png, path(jobId, frame));
    }

    @Override
    public Optional<Path> get(String jobId, int frame) {
        Path p = path(jobId, frame);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public List<Integer> frames(String jobId) {
        List<Integer> out = new ArrayList<>();
        Path dir = root.resolve(jobId);
        if (!JOB_ID.matcher(jobId).matches() || !Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.png"))
                    .forEach(n -> out.add(Integer.parseInt(n.substring(0, n.length() - 4))));
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Override
    public void deleteJob(String jobId) throws IOException {
        Path dir = root.resolve(jobId);
        if (!JOB_ID.matcher(jobId).matches() || !Files.isDirectory(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
