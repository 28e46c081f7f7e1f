package io.rendermesh.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names the web server answers to (RequestGuard checks Host against them): loopback names,
 * the bind address, every local address when bound to all of them, and the operator's --web-host
 * names. A name a DNS rebinding attacker controls is never among them.
 */
final class HostNames {
    private HostNames() {
    }

    static Set<String> of(String bind, List<String> extra) {
        Set<String> names = new TreeSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        names.add(literal(bind));
        if (isWildcard(bind)) addLocalAddresses(names);
        for (String e : extra) {
            for (String name : e.split(",")) {
                if (!name.isBlank()) names.add(literal(name.trim()));
            }
        }
        return names;
    }

    /** Lower case, IPv6 literals in brackets as they appear in a Host header. */
    static String literal(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return a.contains(":") && !a.startsWith("[") ? "[" + a + "]" : a;
    }

    private static boolean isWildcard(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") || bind.equals("0:0:0:0:0:0:0:0");
    }

    /** Bound to every interface: each of this machine's addresses is a name of the node. */
    private static void addLocalAddresses(Set<String> names) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    String host = a.getHostAddress();
                    int zone = host.indexOf('%');
                    names.add(literal(zone < 0 ? host : host.substring(0, zone)));
                }
            }
        } catch (java.net.SocketException e) {
            // no interface list: loopback names and --web-host still work
        }
    }
}
