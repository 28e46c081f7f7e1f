package io.rendermesh.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests java.net.http will not send: any Host header,
 * malformed request lines, truncated bodies.
 */
final class RawHttp {
    /** The status and the whole response, or status -1 when the server closed without an answer. */
    record Response(int status, String text) {
    }

    private RawHttp() {
    }

    static Response send(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            s.shutdownOutput();
            String text = readAll(s.getInputStream());
            // skip interim answers (100 Continue) to the final one
            int at = 0;
            while (text.startsWith("HTTP/1.", at) && text.charAt(at + 9) == '1') {
                int next = text.indexOf("HTTP/1.", at + 1);
                if (next < 0) break;
                at = next;
            }
            if (!text.startsWith("HTTP/1.", at)) return new Response(-1, text);
            return new Response(Integer.parseInt(text.substring(at + 9, at + 12)), text.substring(at));
        }
    }

    static Response send(int port, String head, byte[] body) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(body);
        return send(port, all.toByteArray());
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) out.write(buf, 0, n);
        } catch (java.net.SocketException e) {
            // reset after the answer: what was read is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
