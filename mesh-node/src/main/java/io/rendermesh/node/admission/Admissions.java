package io.rendermesh.node.admission;

import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.protocol.message.MeshMessage.JoinApproved;
import io.rendermesh.protocol.message.MeshMessage.JoinClosed;
import io.rendermesh.protocol.message.MeshMessage.JoinPending;
import io.rendermesh.protocol.model.JoinRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Join requests across the mesh: the requests this node's desk holds are announced to every
 * member, any member's approval reaches the desk holding the newcomer, and every member lists
 * what is waiting. Message handlers run on the node's loop; the desk calls in from its threads.
 */
public final class Admissions {
    private static final Logger log = LoggerFactory.getLogger(Admissions.class);

    private final String self;
    private final MeshTransport transport;
    private final Executor loop;
    private final AdmissionDesk desk;
    private final JoinRequests listed = new JoinRequests();

    /** @param desk this node's desk, or null when it takes no requests (no mDNS or no key) */
    public Admissions(String self, MeshTransport transport, Executor loop, AdmissionDesk desk) {
        this.self = self;
        this.transport = transport;
        this.loop = loop;
        this.desk = desk;
    }

    /** Starts taking requests at the desk, if there is one. */
    public void start() {
        if (desk == null) return;
        desk.start(new AdmissionDesk.Listener() {
            @Override
            public String opened(JoinRequest request) {
                if (transport.members().contains(request.name())) {
                    return "a member is already named " + request.name() + "; start the new node with another --name";
                }
                transport.broadcast(new JoinPending(request));
                return null;
            }

            @Override
            public void closed(JoinRequest request) {
                transport.broadcast(new JoinClosed(request.name(), request.fingerprint(), self));
            }
        });
    }

    /** @return why the message is refused, or null */
    public String pending(String from, JoinPending p) {
        JoinRequest r = p.request();
        if (r == null || !r.isWellFormed()) return "malformed join request";
        if (!from.equals(r.holder())) return "it announces a request held by " + r.holder();
        if (transport.members().contains(r.name())) return null; // joined meanwhile
        if (!listed.put(r)) return "too many join requests are waiting";
        return null;
    }

    public String approved(String from, JoinApproved a) {
        if (!from.equals(a.approver())) return "it claims the approval of " + a.approver();
        Optional<JoinRequest> r = listed.named(a.name()).stream().filter(x -> x.fingerprint().equals(a.fingerprint())).findFirst();
        if (r.isEmpty()) return null; // already handled elsewhere
        if (desk != null && self.equals(r.get().holder()) && desk.approve(a.name(), a.fingerprint())) {
            log.info("node {}: {} (fingerprint {}) approved by {}", self, a.name(), a.fingerprint(), a.approver());
        }
        listed.remove(a.name(), a.fingerprint());
        return null;
    }

    public String closed(String from, JoinClosed c) {
        if (!from.equals(c.holder())) return "it closes a request held by " + c.holder();
        listed.closed(c.name(), c.fingerprint(), c.holder());
        return null;
    }

    /** A new view: forget requests whose holder left; announce this desk's again for newcomers to the mesh. */
    public void viewChanged(List<String> members) {
        listed.retain(members);
        if (desk != null) desk.waiting().forEach(r -> transport.broadcast(new JoinPending(r)));
    }

    /**
     * A person approved {@code name} on this node, having checked {@code fingerprint} (null: the one
     * request under that name, when there is exactly one).
     */
    public ApprovalOutcome approve(String name, String fingerprint) {
        List<JoinRequest> named = listed.named(name);
        List<JoinRequest> chosen = fingerprint == null ? named
                : named.stream().filter(r -> r.fingerprint().equals(fingerprint)).toList();
        if (chosen.isEmpty()) return named.isEmpty() ? ApprovalOutcome.NOT_WAITING : ApprovalOutcome.WRONG_FINGERPRINT;
        if (chosen.size() > 1) return ApprovalOutcome.AMBIGUOUS;
        transport.broadcast(new JoinApproved(name, chosen.get(0).fingerprint(), self));
        return ApprovalOutcome.APPROVED;
    }

    public enum ApprovalOutcome { APPROVED, NOT_WAITING, WRONG_FINGERPRINT, AMBIGUOUS }

    public List<JoinRequest> waiting() {
        return listed.all();
    }

    public void close() {
        if (desk != null) desk.close();
    }
}
