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

    private void views() {
        List<String> view = List.copyOf(members);
        endpoints.values().forEach(e -> e.exec.execute(() -> e.listener.onView(view, false)));
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
            return List.copyOf(members);
        }

        @Override
        public void broadcast(MeshMessage message) {
            byte[] bytes = WireFormat.encode(message);
            endpoints.values().forEach(e -> e.exec.execute(() -> e.listener.onMessage(name, WireFormat.decode(bytes))));
        }

        @Override
        public void send(String node, MeshMessage message) {
            Endpoint e = node == null ? null : endpoints.get(node);
            if (e == null) return;
            byte[] bytes = WireFormat.encode(message);
            e.exec.execute(() -> e.listener.onMessage(name, WireFormat.decode(bytes)));
        }

        @Override
        public void close() {
            kill(name);
        }
    }
}
