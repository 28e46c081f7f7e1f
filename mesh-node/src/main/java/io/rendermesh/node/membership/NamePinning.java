package io.rendermesh.node.membership;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jgroups.Address;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node names travel in discovery and merge traffic, which sits below the encryption and anyone on
 * the LAN can send. JGroups lets the latest such packet rename an address, and the mesh treats names
 * as identities (who coordinates, who holds a lease). So the first name an address had stays its
 * name; a packet offering another is ignored and logged once.
 */
final class NamePinning {
    private static final Logger log = LoggerFactory.getLogger(NamePinning.class);
    private static final Set<Address> warned = ConcurrentHashMap.newKeySet();

    private NamePinning() {
    }

    /** The name to record for {@code addr}: {@code offered} when it has none yet or the same one, else null. */
    static String accept(Address addr, String offered, Address from) {
        if (offered == null || addr == null) return offered;
        String known = NameCache.get(addr);
        if (known == null || known.equals(offered)) return offered;
        if (warned.size() < 1_024 && warned.add(addr)) {
            log.warn("ignored a packet from {} renaming member {} to '{}': a node's name never changes", from, known,
                    io.rendermesh.protocol.model.PeerText.printable(offered, 80));
        }
        return null;
    }
}
