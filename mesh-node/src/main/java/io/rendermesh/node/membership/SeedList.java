package io.rendermesh.node.membership;

import io.rendermesh.protocol.model.InvalidInputException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses --seeds: host:port entries (IPv6 as [addr]:port); the port defaults to 7800. */
public final class SeedList {
    public static final int DEFAULT_PORT = 7800;

    private SeedList() {
    }

    public static List<InetSocketAddress> parse(List<String> seeds) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String raw : seeds) {
            String s = raw.trim();
            if (s.isEmpty()) continue;
            String host;
            String portText = null;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) throw new InvalidInputException("bad seed '" + s + "': missing ']'");
                host = s.substring(1, close);
                if (s.length() > close + 1) {
                    if (s.charAt(close + 1) != ':') throw new InvalidInputException("bad seed '" + s + "'");
                    portText = s.substring(close + 2);
                }
            } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                host = s.substring(0, s.indexOf(':'));
                portText = s.substring(s.indexOf(':') + 1);
            } else {
                host = s;
            }
            int port = DEFAULT_PORT;
            if (portText != null) {
                try {
                    port = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("bad seed '" + s + "': the port must be a number");
                }
            }
            if (port < 1 || port > 65535) throw new InvalidInputException("bad seed '" + s + "': port out of range");
            out.add(new InetSocketAddress(host, port));
        }
        return out;
    }
}
