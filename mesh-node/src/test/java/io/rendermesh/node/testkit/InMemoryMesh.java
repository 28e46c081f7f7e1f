package io.rendermesh.node.testkit;

import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.wire.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-memory mesh for tests: transports by node name, one delivery thread per node (FIFO per
 * sender), every message encoded and decoded with the real wire format.
 */
public final class InMemoryMesh {
    private final List<String> members = new CopyOnWriteArrayList<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** Which side of a partition each node is on; everyone is on side 0 when the mesh is whole. */
    private final Map<String, Integer> sides = new ConcurrentHashMap<>();

    public MeshTransport transport(String name) {
        return new Endpoint(name);
    }

    /** The node disappears from everyone's view at once, as after a crash. */
    public void kill(String name) {
        Endpoint e = endpoints.remove(name);
        members.remove(name);
        if (e != null) e.exec.shutdownNow();
        views();
    }

    /** Splits the mesh: {@code side} on one side, everyone else on the other; messages across are lost. */
    public synchronized void split(java.util.Set<String> side) {
        for (String m : members) sides.put(m, side.contains(m) ? 1 : 0);
        views(false);
    }

    /** The partition heals: one view again, flagged as a merge as JGroups' MERGE3 does. */
    public synchronized void heal() {
        sides.clear();
        views(true);
    }

    private void views() {
        views(false);
    }

    private void views(boolean merged) {
        endpoints.values().forEach(e -> {
            List<String> view = visibleTo(e.name);
            e.exec.execute(() -> e.listener.onView(view, merged));
        });
    }

    private List<String> visibleTo(String node) {
        return members.stream().filter(m -> reachable(node, m)).toList();
    }

    private boolean reachable(String from, String to) {
        return sides.getOrDefault(from, 0).equals(sides.getOrDefault(to, 0));
    }

    private final class Endpoint implements MeshTransport {
        final String name;
        final ExecutorService exec;
        MeshListener listener;

        Endpoint(String name) {
            this.name = name;
            this.exec = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "hub-" + name);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void start(MeshListener l) {
            listener = l;
            endpoints.put(name, this);
            members.add(name);
            views();
        }

        @Override
        public String localNode() {
            return name;
        }

        @Override
        public String localAddress() {
            return "mem:" + name;
        }

        @Override
        public List<String> members() {
            return visibleTo(name);
        }

        @Override
        public void broadcast(MeshMessage message) {
            byte[] bytes = WireFormat.encode(message);
            endpoints.values().stream().filter(e -> reachable(name, e.name))
                    .forEach(e -> e.exec.execute(() -> e.listener.onMessage(name, WireFormat.decode(bytes))));
        }

        @Override
        public void send(String node, MeshMessage message) {
            Endpoint e = node == null ? null : endpoints.get(node);
            if (e == null || !reachable(name, node)) return;
            byte[] bytes = WireFormat.encode(message);
            e.exec.execute(() -> e.listener.onMessage(name, WireFormat.decode(bytes)));
        }

        @Override
        public void close() {
            kill(name);
        }
    }
}
