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
        return complete(p) ? Optional.of(p) : Optional.empty();
    }

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xae, 0x42, 0x60, (byte) 0x82};

    /**
     * A frame counts only as a whole PNG (its signature and its closing IEND chunk): what a crash
     * leaves behind (an empty or cut file, from a build that did not sync) is not a finished frame.
     */
    static boolean complete(Path p) {
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(p)) {
            long size = f.size();
            if (size < PNG_SIGNATURE.length + PNG_END.length) return false;
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(PNG_SIGNATURE.length);
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(PNG_END.length);
            f.read(head, 0);
            f.read(tail, size - PNG_END.length);
            return java.util.Arrays.equals(head.array(), PNG_SIGNATURE) && java.util.Arrays.equals(tail.array(), PNG_END);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<Integer> frames(String jobId) {
        List<Integer> out = new ArrayList<>();
        Path dir = root.resolve(jobId);
        if (!JOB_ID.matcher(jobId).matches() || !Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(FileFrameStore::complete).map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.png"))
                    .forEach(n -> out.add(Integer.parseInt(n.substring(0, n.length() - 4))));
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Override
    public void deleteJob(String jobId) throws IOException {
        if (JOB_ID.matcher(jobId).matches()) Folders.deleteTree(root.resolve(jobId));
    }
}
