package io.rendermesh.node.testkit;

import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.protocol.message.MeshMessage;
import java.util.ArrayList;
import java.util.List;

/** A transport for unit tests that records what is sent (to whom; null for a broadcast) and delivers nothing. */
public final class RecordingTransport implements MeshTransport {
    /** One message sent: {@code to} is null for a broadcast. */
    public record Sent(String to, MeshMessage message) {
    }

    public final List<Sent> sent = new ArrayList<>();
    private final String self;
    private final List<String> members;

    public RecordingTransport(String self, List<String> members) {
        this.self = self;
        this.members = List.copyOf(members);
    }

    @Override
    public void start(MeshListener listener) {
    }

    @Override
    public String localNode() {
        return self;
    }

    @Override
    public String localAddress() {
        return "mem:" + self;
    }

    @Override
    public List<String> members() {
        return members;
    }

    @Override
    public void broadcast(MeshMessage message) {
        sent.add(new Sent(null, message));
    }

    @Override
    public void send(String node, MeshMessage message) {
        sent.add(new Sent(node, message));
    }

    @Override
    public void close() {
    }
}
