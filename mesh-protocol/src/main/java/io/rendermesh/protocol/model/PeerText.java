package io.rendermesh.protocol.model;

/** Text a peer sent (a name, a reason), made safe to write to a log: printable ASCII, bounded. */
public final class PeerText {
    private PeerText() {
    }

    public static String printable(String s, int maxChars) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < maxChars; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
