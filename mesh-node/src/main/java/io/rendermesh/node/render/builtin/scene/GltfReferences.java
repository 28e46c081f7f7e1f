package io.rendermesh.node.render.builtin.scene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rendermesh.node.render.input.BundleFolder;
import io.rendermesh.protocol.model.InvalidInputException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks every file a glTF file points to (its buffers' and images' URIs) before the glTF library
 * reads it, because that library follows any URI it is given: {@code ../../etc/passwd},
 * {@code /etc/shadow} and {@code file:} URIs alike. A URI must be a data: URI of bounded size or a
 * file of the bundle, relative to the glTF file's folder ({@link BundleFolder}).
 */
final class GltfReferences {
    /** A data: URI holds base64: 64 MiB of text is 48 MiB of buffer. */
    static final int MAX_DATA_URI_CHARS = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GLB_MAGIC = 0x46546C67; // "glTF"
    private static final int JSON_CHUNK = 0x4E4F534A; // "JSON"

    private GltfReferences() {
    }

    static void check(BundleFolder folder, Path file) {
        JsonNode root = json(file);
        Path base = file.toAbsolutePath().getParent();
        for (String section : new String[] {"buffers", "images"}) {
            JsonNode list = root.path(section);
            for (int i = 0; i < list.size(); i++) {
                JsonNode uri = list.get(i).path("uri");
                if (uri.isMissingNode() || uri.isNull()) continue; // a GLB's own binary chunk, or an image in a buffer view
                String what = "glTF " + file.getFileName() + ": " + section + "[" + i + "] uri";
                if (!uri.isTextual()) throw new InvalidInputException(what + " is not a string");
                checkUri(folder, base, uri.asText(), what);
            }
        }
    }

    private static void checkUri(BundleFolder folder, Path base, String uri, String what) {
        if (uri.regionMatches(true, 0, "data:", 0, 5)) {
            if (uri.length() > MAX_DATA_URI_CHARS) {
                throw new InvalidInputException(what + " is a data: URI of " + uri.length() + " characters, more than "
                        + MAX_DATA_URI_CHARS);
            }
            return;
        }
        // glTF URIs are percent-encoded; "%2e%2e/" must be judged as the "../" it decodes to
        String decoded;
        try {
            decoded = URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + " '" + uri + "' is not a valid URI");
        }
        if (decoded.indexOf('?') >= 0 || decoded.indexOf('#') >= 0) {
            throw new InvalidInputException(what + " '" + uri + "' has a query or fragment");
        }
        try {
            folder.file(base, decoded, what);
        } catch (InvalidInputException e) {
            throw decoded.equals(uri) ? e : new InvalidInputException(e.getMessage() + " (written as '" + uri + "')");
        }
    }

    private static JsonNode json(Path file) {
        try {
            byte[] text = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".glb") ? glbJson(file)
                    : Files.readAllBytes(file);
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) throw new InvalidInputException("glTF file " + file.getFileName() + " is not a JSON object");
            return root;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read glTF file " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** The JSON chunk of a binary glTF: 12-byte header, then chunk length, chunk type, chunk data. */
    private static byte[] glbJson(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] head = new byte[20];
            in.readFully(head);
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(0) != GLB_MAGIC) throw new InvalidInputException("glTF file " + file.getFileName() + " is not a GLB file");
            long length = Integer.toUnsignedLong(b.getInt(12));
            if (b.getInt(16) != JSON_CHUNK || length > size - 20) {
                throw new InvalidInputException("glTF file " + file.getFileName() + " has no valid JSON chunk");
            }
            byte[] json = new byte[(int) length];
            in.readFully(json);
            return json;
        }
    }
}
