package io.rendermesh.node.membership;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.jgroups.JChannel;

/**
 * A bare JGroups channel on exactly the TCP stack a node runs (discovery, failure detection,
 * encryption when keyed, AUTH, flow control), unconnected: for benchmarks that measure the stack
 * itself, without the node around it.
 */
public final class MeshStackChannels {
    private MeshStackChannels() {
    }

    /** @param key null: a keyless mesh, clear text */
    public static JChannel tcp(String name, InetAddress bind, int port, List<InetSocketAddress> seeds, MeshKey key, String mesh)
            throws Exception {
        JChannel channel = new JChannel(JGroupsStack.tcp(name, bind, port, seeds, key, mesh, false));
        JGroupsStack.quiet(channel.getProtocolStack().getTransport());
        channel.name(name);
        return channel;
    }
}
