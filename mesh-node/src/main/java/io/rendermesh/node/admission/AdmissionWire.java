package io.rendermesh.node.admission;

/**
 * The admission conversation between a keyless newcomer and a member, over a plain TCP connection
 * the member advertises over mDNS (TXT {@code admit}). Everything on it is public except the sealed
 * key, which only the newcomer can open.
 * Newcomer → member: magic, name (UTF), public key (short length + X.509 bytes).
 * Member → newcomer: {@link #PENDING}, then {@link #KEEP_ALIVE} now and then, then either
 * {@link #APPROVED} with the sealed key (short length + bytes) or {@link #REFUSED} with a reason (UTF).
 */
final class AdmissionWire {
    static final int MAGIC = 0x524d4a31; // "RMJ1"
    static final byte KEEP_ALIVE = 0;
    static final byte PENDING = 1;
    static final byte APPROVED = 2;
    static final byte REFUSED = 3;
    static final int HANDSHAKE_MILLIS = 5_000;
    static final long KEEP_ALIVE_MILLIS = 10_000;
    /** The newcomer gives up on a member that has said nothing for this long and asks another. */
    static final int SILENCE_MILLIS = 30_000;

    private AdmissionWire() {
    }

    /** The context a seal is bound to: the newcomer's name and its key's fingerprint. */
    static String sealContext(String mesh, String name, String fingerprint) {
        return "rendermesh-admission/" + mesh + "/" + name + "/" + fingerprint;
    }
}
