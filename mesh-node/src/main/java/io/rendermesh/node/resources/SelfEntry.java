package io.rendermesh.node.resources;

import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.protocol.message.MeshMessage.ResourcesAnnounce;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;

/**
 * This node's own entry in the resource map and its announcements: on every view, when its load
 * changes (coalesced, so a burst of finished frames is one announcement), and when its web address
 * becomes known. Changed on the node's loop.
 */
public final class SelfEntry {
    static final long ANNOUNCE_DELAY_MILLIS = 100;

    private final MeshTransport transport;
    private final ResourceMap resources;
    private final ScheduledExecutorService loop;
    private final IntSupplier busySlots;
    private final IntFunction<NodeState> stateFor;
    private volatile NodeResources me;
    private volatile boolean announceScheduled;

    /** @param stateFor this node's state for a number of busy slots (the desk may have paused it) */
    public SelfEntry(NodeResources initial, MeshTransport transport, ResourceMap resources, ScheduledExecutorService loop,
                     IntSupplier busySlots, IntFunction<NodeState> stateFor) {
        this.stateFor = stateFor;
        this.me = initial;
        this.transport = transport;
        this.resources = resources;
        this.loop = loop;
        this.busySlots = busySlots;
    }

    public NodeResources get() {
        return me;
    }

    /** Changes the entry and tells the mesh. On the loop. */
    public void update(UnaryOperator<NodeResources> change) {
        me = change.apply(me);
        announce();
    }

    /** On the loop: puts the entry in this node's map and sends it to every member. */
    public void announce() {
        resources.put(me);
        transport.broadcast(new ResourcesAnnounce(me));
    }

    /** On the loop: sends the entry to these members only (they joined; the others have it). */
    public void announceTo(java.util.Collection<String> nodes) {
        resources.put(me);
        ResourcesAnnounce a = new ResourcesAnnounce(me);
        for (String n : nodes) transport.send(n, a);
    }

    /** Any thread: the worker's load changed; announce it shortly. */
    public void loadChanged() {
        if (announceScheduled) return;
        announceScheduled = true;
        loop.schedule(() -> {
            announceScheduled = false;
            stateChanged();
        }, ANNOUNCE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** On the loop: load or desk state changed; the entry follows at once (the worker reads it for its next grant). */
    public void stateChanged() {
        if (me.state() == NodeState.LEAVING) return;
        int busy = busySlots.getAsInt();
        NodeState state = stateFor.apply(busy);
        if (busy != me.busySlots() || state != me.state()) update(r -> r.withLoad(busy, state));
    }

    /** On the loop: this node is leaving; peers stop placing work on it. */
    public void leaving() {
        update(r -> r.withLoad(busySlots.getAsInt(), NodeState.LEAVING));
    }
}
