package io.rendermesh.node.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finished frames as PNG under {@code DATA_DIR/frames/<job>/<frame>.png}; written atomically. */
public interface FrameStore {

    void put(String jobId, int frame, byte[] png) throws IOException;

    /** Moves a PNG file written elsewhere (e.g. a renderer's scratch dir) into the store. */
    void putFile(String jobId, int frame, Path png) throws IOException;

    Optional<Path> get(String jobId, int frame);

    List<Integer> frames(String jobId);

    void deleteJob(String jobId) throws IOException;
}
