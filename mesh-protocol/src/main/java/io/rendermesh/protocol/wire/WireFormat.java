package io.rendermesh.protocol.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import io.rendermesh.protocol.message.MeshMessage;

/**
 * Encodes mesh messages as one version byte followed by the Kryo form of the message.
 * Thread-safe: Kryo instances come from a pool.
 */
public final class WireFormat {
    private static final Pool<Kryo> KRYOS = new Pool<>(true, false, 16) {
        @Override
        protected Kryo create() {
            Kryo kryo = new Kryo();
            Registrations.register(kryo);
            return kryo;
        }
    };

    private WireFormat() {
    }

    public static byte[] encode(MeshMessage message) {
        return encodeObject(message);
    }

    public static MeshMessage decode(byte[] bytes) {
        Object o = decodeObject(bytes);
        if (!(o instanceof MeshMessage m)) {
            throw new WireFormatException("not a mesh message: " + (o == null ? "null" : o.getClass().getName()));
        }
        return m;
    }

    /** Any registered type, e.g. a {@code JobRecord} for the local journal. */
    public static byte[] encodeObject(Object value) {
        Kryo kryo = KRYOS.obtain();
        try (Output output = new Output(256, -1)) {
            output.writeByte(ProtocolVersion.CURRENT);
            kryo.getContext().put(JobProfileSerializer.VERSION, ProtocolVersion.CURRENT);
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        } finally {
            KRYOS.free(kryo);
        }
    }

    public static Object decodeObject(byte[] bytes) {
        if (bytes != null && bytes.length > 0 && !ProtocolVersion.supported(bytes[0])) throw new IncompatibleProtocolException(bytes[0]);
        return decodeAny(bytes);
    }

    /**
     * A record this node stored itself (the job journal): also one written by an older build, as
     * long as the stored types have kept their form since {@link ProtocolVersion#MIN_STORED}.
     */
    public static Object decodeStored(byte[] bytes) {
        if (bytes != null && bytes.length > 0 && (bytes[0] < ProtocolVersion.MIN_STORED || bytes[0] > ProtocolVersion.CURRENT)) {
            throw new IncompatibleProtocolException(bytes[0]);
        }
        return decodeAny(bytes);
    }

    private static Object decodeAny(byte[] bytes) {
        if (bytes == null || bytes.length < 2) throw new WireFormatException("message too short");
        Kryo kryo = KRYOS.obtain();
        try (Input input = new Input(bytes, 1, bytes.length - 1)) {
            kryo.getContext().put(JobProfileSerializer.VERSION, (int) bytes[0]);
            return kryo.readClassAndObject(input);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // anything a malformed or hostile message provokes, including a record's own validation
            throw new WireFormatException("cannot decode message: " + e);
        } finally {
            KRYOS.free(kryo);
        }
    }

    public static final class WireFormatException extends RuntimeException {
        public WireFormatException(String message) {
            super(message);
        }
    }
}
