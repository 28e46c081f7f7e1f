package io.rendermesh.web;

import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a request was meant for this node by whoever sent it, before any route runs.
 * A web page elsewhere can make the browser send requests here (a form post, a fetch in no-cors
 * mode, or a DNS name rebound to 127.0.0.1); the Host, Origin, Sec-Fetch-Site and Content-Type
 * headers tell those apart from the node's own page and from the CLI. Pure: headers in, verdict out.
 */
final class RequestGuard {
    static final String ALLOWED_TYPES = "application/json or multipart/form-data";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** The headers that matter; null where the request did not carry one. */
    record Request(String method, String path, String scheme, String host, String origin, String secFetchSite,
                   String contentType, boolean hasBody) {
    }

    /** Why a request is refused: the HTTP status and the message for the JSON {@code error}. */
    record Refusal(int status, String message) {
    }

    private final Set<String> hostNames;
    private final int port;

    /** @param hostNames lower-case names and addresses (IPv6 in brackets) this node answers to */
    RequestGuard(Set<String> hostNames, int port) {
        this.hostNames = Set.copyOf(hostNames);
        this.port = port;
    }

    /** @return null when the request may go on */
    Refusal check(Request r) {
        if (r.host() != null && !isOwnHost(r.host())) {
            return new Refusal(421, "this node does not answer to the host name '" + printable(r.host())
                    + "' (a DNS rebinding attempt?); start it with --web-host NAME to allow a name");
        }
        if (!r.path().startsWith(HttpApi.PREFIX + "/") || !STATE_CHANGING.contains(r.method().toUpperCase(Locale.ROOT))) {
            return null;
        }
        if ("cross-site".equalsIgnoreCase(r.secFetchSite())) {
            return new Refusal(403, "cross-origin request refused: the browser says it comes from another site");
        }
        // Browsers always send Origin on cross-origin POSTs; the CLI sends none, and needs none.
        if (r.origin() != null && (r.host() == null || !r.origin().equalsIgnoreCase(r.scheme() + "://" + r.host()))) {
            return new Refusal(403, "cross-origin request refused: origin '" + printable(r.origin())
                    + "' is not this node's own page");
        }
        // A form or a no-cors fetch can only send "simple" types; JSON and multipart with a boundary
        // are what our page and the CLI send. A DELETE without a body has nothing to type.
        if ((r.hasBody() || !r.method().equalsIgnoreCase("DELETE")) && !allowedType(r.contentType())) {
            return new Refusal(415, "unsupported Content-Type '" + printable(r.contentType() == null ? "" : r.contentType())
                    + "': send " + ALLOWED_TYPES + " (with a boundary)");
        }
        return null;
    }

    boolean isOwnHost(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name = h;
        int close = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        if (colon > close) {
            name = h.substring(0, colon);
            if (!h.substring(colon + 1).equals(Integer.toString(port))) return false;
        }
        return hostNames.contains(name) || isLoopbackV4(name);
    }

    static boolean allowedType(String contentType) {
        if (contentType == null) return false;
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].trim();
        if (type.equals("application/json")) return true;
        if (!type.equals("multipart/form-data")) return false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("boundary=") && p.length() > "boundary=".length()) return true;
        }
        return false;
    }

    /** Any 127.x.y.z: the whole block is loopback. */
    static boolean isLoopbackV4(String name) {
        String[] octets = name.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) return false;
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit) || Integer.parseInt(o) > 255) return false;
        }
        return true;
    }

    /** Header values go back to the client in error messages: keep them short and plain. */
    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
