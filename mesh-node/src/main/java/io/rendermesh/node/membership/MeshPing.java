package io.rendermesh.node.membership;

import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.TCPPING;

/** TCPPING that never lets a discovery packet rename a known member ({@link NamePinning}). */
public class MeshPing extends TCPPING {
    static final short PROTOCOL_ID = 1_903;

    static {
        if (ClassConfigurator.getProtocolId(MeshPing.class) == 0) ClassConfigurator.addProtocol(PROTOCOL_ID, MeshPing.class);
    }

    @Override
    protected boolean addDiscoveryResponseToCaches(Address mbr, String logicalName, PhysicalAddress physicalAddr) {
        return super.addDiscoveryResponseToCaches(mbr, NamePinning.accept(mbr, logicalName, physicalAddr), physicalAddr);
    }
}
