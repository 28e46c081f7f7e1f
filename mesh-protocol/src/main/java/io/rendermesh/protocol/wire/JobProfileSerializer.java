package io.rendermesh.protocol.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.Requirements;
import io.rendermesh.protocol.model.RendererSpec;
import java.util.Map;

/**
 * A job profile in the form protocol 3 to 5 stored it (the job journal keeps those), followed
 * since 6 by its {@code split} mode, which a stored profile of an older build lacks.
 */
final class JobProfileSerializer extends Serializer<JobProfile> {
    /** Key of the version being read in the Kryo context (set by {@link WireFormat}). */
    static final String VERSION = "rendermesh.version";

    /** The profile's fields up to protocol 5, in a record of their own: its bytes are the old profile's. */
    record Form5(String name, String scene, RendererSpec renderer, String frames, int width, int height, int samples,
                 int priority, Requirements requirements, int timeoutPerFrameSec, int maxAttempts, boolean allowRemote,
                 Map<String, String> params) {
    }

    private final RecordSerializer<Form5> form5 = new RecordSerializer<>(Form5.class);

    JobProfileSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, JobProfile p) {
        form5.write(kryo, output, new Form5(p.name(), p.scene(), p.renderer(), p.frames(), p.width(), p.height(), p.samples(),
                p.priority(), p.requirements(), p.timeoutPerFrameSec(), p.maxAttempts(), p.allowRemote(), p.params()));
        kryo.writeObjectOrNull(output, p.split(), String.class);
    }

    @Override
    public JobProfile read(Kryo kryo, Input input, Class<? extends JobProfile> type) {
        Form5 f = form5.read(kryo, input, Form5.class);
        Object version = kryo.getContext().get(VERSION);
        String split = version instanceof Integer v && v >= 6 ? kryo.readObjectOrNull(input, String.class) : null;
        return new JobProfile(f.name(), f.scene(), f.renderer(), f.frames(), f.width(), f.height(), f.samples(), f.priority(),
                f.requirements(), f.timeoutPerFrameSec(), f.maxAttempts(), f.allowRemote(), f.params(), split);
    }
}
