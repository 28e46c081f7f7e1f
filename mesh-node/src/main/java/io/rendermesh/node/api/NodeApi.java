package io.rendermesh.node.api;

import io.rendermesh.node.events.EventBus;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.NodeResources;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP API, the CLI's embedded modes and the tray need from a running node. Methods
 * throw {@link io.rendermesh.protocol.model.InvalidInputException} for bad input (HTTP 400) and
 * {@link NotFoundException} for unknown ids (404).
 */
public interface NodeApi {

    String nodeName();

    String site();

    int members();

    /** Every node of this site's mesh. */
    List<NodeResources> nodes();

    /** This site first, then the sites bridged to it, with what each offers and whether it is up. */
    List<io.rendermesh.protocol.model.SiteInfo> sites();

    /** Every node of this site and of the sites bridged to it, each with its {@code site}. */
    List<NodeResources> allNodes();

    /**
     * Creates a job from a profile and its files (empty for bundled scenes such as builtin:demo).
     * Files are read once, hashed and stored; their paths are validated. Returns the job id.
     *
     * @throws UploadTooLargeException when the files exceed the node's upload limit (HTTP 413)
     */
    String submit(JobProfile profile, List<UploadedFile> files) throws IOException;

    List<JobRecord> jobs();

    JobRecord job(String jobId);

    /** The job's estimated seconds left (0 once done), or null while there is nothing to measure. */
    Long etaSeconds(String jobId);

    /** The parts of the job's frames split across nodes, by frame (frames rendering whole are absent). */
    default java.util.Map<Integer, java.util.List<io.rendermesh.protocol.message.MeshMessage.PartView>> parts(String jobId) {
        return java.util.Map.of();
    }

    /** The finished frame's PNG, fetched from a holder if this node has no copy; empty until done. */
    CompletableFuture<Optional<byte[]>> frame(String jobId, int frame);

    /** The latest sample of a frame, if any reached this node. Registers interest in the job. */
    /**
     * The latest sample of a frame: this node's, or, the first time it is asked, fetched from the
     * job's submitter (which gets every sample) or the node rendering the frame. Empty: none yet.
     */
    CompletableFuture<Optional<Preview>> preview(String jobId, int frame);

    /** Routed to the job's coordinator; completes with the coordinator's answer. */
    CompletableFuture<ControlOutcome> control(String jobId, ControlCommand command);

    /**
     * A person's input for one node's desk: {@code pause}, {@code resume}, or {@code render-when}
     * with {@code value} {@code always|idle}; on this node or, through the mesh, on another.
     */
    CompletableFuture<ControlOutcome> controlNode(String node, String action, String value);

    /**
     * This node's desk settings: when it renders ({@code always}, or {@code idle}: only while its
     * person is away) and the cores kept for its person ({@code 0}, {@code 1}, {@code half}).
     */
    DeskView desk();

    /** Deletes a finished or cancelled job on every node (its record, frames and the files no other job uses); 409 while it runs. */
    ControlOutcome deleteJob(String jobId);

    /** What an operator's Prometheus scrapes ({@code GET /metrics}). */
    io.rendermesh.node.metrics.NodeMetrics metrics();

    record DeskView(String renderWhen, String reservedCores) {
    }

    EventBus events();

    /** Tells the mesh this node has a watcher on the job (samples come here); lasts about a minute. */
    void watch(String jobId);

    /** Bundled scene names, e.g. builtin:demo. */
    List<String> bundledScenes();

    /** Keyless nodes that found the mesh on the LAN and wait for a person to let them in. */
    List<io.rendermesh.protocol.model.JoinRequest> joinRequests();

    /**
     * Lets the waiting node in: the member it waits on hands it the mesh key, sealed to its own key.
     *
     * @param fingerprint the newcomer's key fingerprint the person checked; null approves the one
     *                    request under that name when there is exactly one
     * @throws NotFoundException when no node of that name is waiting
     * @throws ConflictException when several machines ask under that name and no fingerprint says which
     * @throws io.rendermesh.protocol.model.InvalidInputException when the fingerprint is not the waiting node's
     */
    String approve(String name, String fingerprint);

    /** Mesh messages this node refused, by sender (forged, malformed or out of turn). */
    java.util.Map<String, Long> rejectedMessages();

    record UploadedFile(String path, InputStreamSource content) {
    }

    @FunctionalInterface
    interface InputStreamSource {
        InputStream open() throws IOException;
    }

    record Preview(String mime, byte[] bytes, int pass, int passes) {
    }

    /** {@code frame} and {@code value} may be null when the action needs none. */
    record ControlCommand(String action, Integer frame, Integer value) {
    }

    class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }

    /** The request contradicts the state it acts on (HTTP 409). */
    class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message);
        }
    }

    /** The node cannot answer now (overloaded or stopping); the same request may succeed later (HTTP 503). */
    class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /** A configured limit (jobs per node, event streams) is reached; the message names it (HTTP 429). */
    class LimitReachedException extends RuntimeException {
        public LimitReachedException(String message) {
            super(message);
        }
    }

    class UploadTooLargeException extends RuntimeException {
        public UploadTooLargeException(String message) {
            super(message);
        }
    }
}
