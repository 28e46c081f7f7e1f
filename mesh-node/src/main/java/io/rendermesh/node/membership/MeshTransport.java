package io.rendermesh.node.membership;

import io.rendermesh.protocol.message.MeshMessage;
import java.util.List;

/**
 * Carries mesh messages between named nodes and reports who is in the mesh. The JGroups
 * implementation is the real one; tests use an in-memory mesh (mesh-node test-jar, testkit).
 */
public interface MeshTransport extends AutoCloseable {

    /** Joins (or forms) the mesh; returns once this node is a member. */
    void start(MeshListener listener) throws Exception;

    /** This node's name, unique within the mesh. */
    String localNode();

    /** host:port others reach this node's mesh transport at. */
    String localAddress();

    /** Current members by node name, oldest first; includes this node. */
    List<String> members();

    /** To every member, this node included. */
    void broadcast(MeshMessage message);

    /** To one member; silently dropped when it is not (or no longer) a member. */
    void send(String node, MeshMessage message);

    @Override
    void close();

    /** Whether this node carries the bridge to other sites now (it is its site's master). */
    default boolean carriesBridge() {
        return false;
    }

    /** The member of this site that carries the bridge now (it passes on what other sites send), or null. */
    default String siteMaster() {
        return null;
    }

    /** Other sites this node's site is bridged to, and whether each is reachable now. */
    default java.util.Map<String, Boolean> sites() {
        return java.util.Map.of();
    }

    /** To another site's master, through the bridge; dropped when no bridge reaches that site. */
    default void sendToSite(String site, MeshMessage message) {
    }

    /** To every member of every site (this one's too); only the node carrying the bridge sends these. */
    default void broadcastToSites(MeshMessage message) {
    }

    /** Callbacks run on the transport's delivery thread: they must not block. */
    interface MeshListener {
        void onMessage(String fromNode, MeshMessage message);

        /** A new view. {@code merged} is true after a partition healed: every node republishes what it owns. */
        void onView(List<String> members, boolean merged);

        /** A message from node {@code fromNode} of another site, through the bridge. */
        default void onSiteMessage(String site, String fromNode, MeshMessage message) {
        }
    }
}
