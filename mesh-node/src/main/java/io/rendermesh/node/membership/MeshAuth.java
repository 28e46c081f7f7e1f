package io.rendermesh.node.membership;

import org.jgroups.Message;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.AuthHeader;
import org.jgroups.protocols.pbcast.GMS;

/**
 * JGroups AUTH that tells a refused joiner why ("a member is already named ws3", "it speaks mesh
 * protocol 2") instead of JGroups' fixed "authentication failed", so its start fails with a message
 * a person can act on.
 */
public class MeshAuth extends AUTH {
    /** JGroups finds a protocol's headers by its id; ids from 1024 up are free for applications. */
    static final short PROTOCOL_ID = 1_901;

    static {
        if (ClassConfigurator.getProtocolId(MeshAuth.class) == 0) ClassConfigurator.addProtocol(PROTOCOL_ID, MeshAuth.class);
    }

    @Override
    protected boolean handleAuthHeader(GMS.GmsHeader gmsHeader, AuthHeader authHeader, Message msg) {
        if (!needsAuthentication(msg, gmsHeader) || !(auth_token instanceof MeshAuthToken mine)) {
            return super.handleAuthHeader(gmsHeader, authHeader, msg);
        }
        String refusal = mine.refusal(authHeader.getToken(), msg);
        if (refusal == null) return true;
        sendRejectionMessage(gmsHeader.getType(), msg.getSrc(), refusal);
        return false;
    }
}
