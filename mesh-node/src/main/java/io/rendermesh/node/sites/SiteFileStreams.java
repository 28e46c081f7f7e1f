package io.rendermesh.node.sites;

import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.node.storage.BlobStream;
import io.rendermesh.node.storage.FileBlobStore;
import io.rendermesh.protocol.model.BundleEntry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Job files between sites as one encrypted stream from the home site's gateway straight to the
 * other site's master, instead of chunks relayed through both site masters and the bridge. It is
 * a {@link BlobStream} under a key derived from the site key for this use alone, so only the sites
 * of the bridge can ask, and the gateway serves only what its {@link BlobStream.Access} allows (the
 * files of jobs with frames at other sites). A fetched file counts only once its hash matches.
 */
public final class SiteFileStreams implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SiteFileStreams.class);
    static final String KEY_LABEL = "rendermesh-site-files";

    private final FileBlobStore blobs;
    private final InetAddress bind;
    private final byte[] key;
    private BlobStream server;

    public SiteFileStreams(FileBlobStore blobs, InetAddress bind, MeshKey siteKey) {
        this.blobs = blobs;
        this.bind = bind;
        this.key = siteKey.blobKey(KEY_LABEL);
    }

    /**
     * A gateway starts serving (once) on {@code port}, or on any port when that one is taken (the
     * other office's firewall may then not let it through, which the log says); returns where the
     * other sites fetch from. 0: any port.
     */
    public synchronized String serve(BlobStream.Access access, int port) throws IOException {
        if (server != null) return server.endpoint();
        try {
            server = new BlobStream(access, bind, port, key);
        } catch (java.net.BindException | IllegalArgumentException e) {
            server = new BlobStream(access, bind, 0, key);
            log.warn("port {} for job files to other sites is taken; serving them on {} instead", port, server.endpoint());
        }
        return server.endpoint();
    }

    /** Where this gateway serves, or null. */
    public synchronized String endpoint() {
        return server == null ? null : server.endpoint();
    }

    /**
     * Fetches one file from another site's gateway into the blob store and checks its hash. Each
     * fetch writes a part file of its own (two jobs may want the same texture at once), which is
     * gone afterwards whatever happened: a failed stream leaves the chunked path a clean slate.
     */
    public void fetch(String endpoint, BundleEntry e, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path part = Files.createTempFile(scratch, e.sha256().substring(0, 8), ".stream");
        try {
            blobs.adoptHashed(part, e.sha256(), BlobStream.fetch(BlobStream.address(endpoint), key, e.sha256(), e.size(), part));
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) server.close();
    }
}
