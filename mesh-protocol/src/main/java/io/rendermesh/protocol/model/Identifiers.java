package io.rendermesh.protocol.model;

import java.util.regex.Pattern;

/**
 * The identifiers a client or a peer may send: job ids, node names, blob hashes. One check for
 * the HTTP API and the mesh alike, so nothing either accepts can become a path outside its folder.
 */
public final class Identifiers {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Identifiers() {
    }

    public static boolean isJobId(String id) {
        return id != null && JOB_ID.matcher(id).matches();
    }

    public static boolean isNodeName(String name) {
        return name != null && NODE_NAME.matcher(name).matches() && !name.equals(".") && !name.contains("..");
    }

    public static boolean isSha256(String sha) {
        return sha != null && SHA256.matcher(sha).matches();
    }

    /** @throws InvalidInputException naming the field when {@code name} is not a valid node name */
    public static String nodeName(String name) {
        if (!isNodeName(name)) {
            throw new InvalidInputException("node name '" + name + "' must be 1-63 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        return name;
    }
}
