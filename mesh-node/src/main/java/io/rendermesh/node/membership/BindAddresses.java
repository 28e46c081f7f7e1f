package io.rendermesh.node.membership;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/** Picks the address a LAN node binds when none is given: the first site-local IPv4 address of an up interface. */
public final class BindAddresses {
    private BindAddresses() {
    }

    public static Optional<InetAddress> firstSiteLocal() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && (a.isSiteLocalAddress() || a.isLinkLocalAddress())) return Optional.of(a);
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
