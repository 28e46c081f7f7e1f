package io.rendermesh.node.membership;

import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.ViewId;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.MERGE3;

/** MERGE3 that never lets a merge announcement rename a known member ({@link NamePinning}). */
public class MeshMerge extends MERGE3 {
    static final short PROTOCOL_ID = 1_904;

    static {
        if (ClassConfigurator.getProtocolId(MeshMerge.class) == 0) ClassConfigurator.addProtocol(PROTOCOL_ID, MeshMerge.class);
    }

    @Override
    protected void addInfo(Address sender, ViewId viewId, String logicalName, PhysicalAddress physicalAddr) {
        super.addInfo(sender, viewId, NamePinning.accept(sender, logicalName, sender), physicalAddr);
    }
}
