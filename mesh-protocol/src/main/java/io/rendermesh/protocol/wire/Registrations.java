package io.rendermesh.protocol.wire;

import com.esotericsoftware.kryo.Kryo;
import io.rendermesh.protocol.message.MeshMessage;
import io.rendermesh.protocol.model.BundleEntry;
import io.rendermesh.protocol.model.FramePart;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobRecord;
import io.rendermesh.protocol.model.JoinRequest;
import io.rendermesh.protocol.model.JobState;
import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import io.rendermesh.protocol.model.RendererSpec;
import io.rendermesh.protocol.model.Requirements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only place wire ids are assigned. An id, once shipped, is never reused for another class:
 * append new classes with new ids, and bump {@link ProtocolVersion} when a record's fields change.
 */
final class Registrations {
    private Registrations() {
    }

    static void register(Kryo kryo) {
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        // JDK types (ids 10-39)
        kryo.register(byte[].class, new ImmutableCollectionSerializers.BoundedBytesSerializer(), 10);
        // Kryo's own serializers trust a message's declared sizes; ours check them against its length
        kryo.register(String.class, new ImmutableCollectionSerializers.BoundedStringSerializer(), 1);
        kryo.register(ArrayList.class, new ImmutableCollectionSerializers.ListSerializer(true), 11);
        kryo.register(HashMap.class, new ImmutableCollectionSerializers.MapSerializer(true), 12);
        kryo.register(HashSet.class, new ImmutableCollectionSerializers.SetSerializer(true), 13);
        kryo.register(List.of().getClass(), new ImmutableCollectionSerializers.ListSerializer(), 14);
        kryo.register(List.of(1).getClass(), new ImmutableCollectionSerializers.ListSerializer(), 15);
        kryo.register(List.of(1, 2, 3).getClass(), new ImmutableCollectionSerializers.ListSerializer(), 16);
        kryo.register(Set.of().getClass(), new ImmutableCollectionSerializers.SetSerializer(), 17);
        kryo.register(Set.of(1).getClass(), new ImmutableCollectionSerializers.SetSerializer(), 18);
        kryo.register(Set.of(1, 2, 3).getClass(), new ImmutableCollectionSerializers.SetSerializer(), 19);
        kryo.register(Map.of().getClass(), new ImmutableCollectionSerializers.MapSerializer(), 20);
        kryo.register(Map.of(1, 1).getClass(), new ImmutableCollectionSerializers.MapSerializer(), 21);
        kryo.register(Map.of(1, 1, 2, 2).getClass(), new ImmutableCollectionSerializers.MapSerializer(), 22);
        kryo.register(List.of(1, 2, 3).subList(0, 1).getClass(), new ImmutableCollectionSerializers.ListSerializer(), 23);
        // model (ids 40-79)
        kryo.register(RendererSpec.class, 41);
        kryo.register(Requirements.class, 42);
        kryo.register(NodeResources.class, 43);
        kryo.register(RendererInfo.class, 44);
        kryo.register(NodeState.class, 45);
        kryo.register(FrameState.class, 46);
        kryo.register(JobState.class, 47);
        kryo.register(FrameRecord.class, 48);
        kryo.register(JobRecord.class, 49);
        kryo.register(BundleEntry.class, 50);
        kryo.register(JoinRequest.class, 51);
        kryo.register(FramePart.class, 52);
        // a profile stored by protocol 3-5 has no split field: read by version
        kryo.register(JobProfile.class, new JobProfileSerializer(), 40);
        // messages (ids 80-)
        kryo.register(MeshMessage.ResourcesAnnounce.class, 80);
        kryo.register(MeshMessage.JobSnapshot.class, 81);
        kryo.register(MeshMessage.JobDelta.class, 82);
        kryo.register(MeshMessage.SnapshotRequest.class, 83);
        kryo.register(MeshMessage.WorkRequest.class, 84);
        kryo.register(MeshMessage.WorkGrant.class, 85);
        kryo.register(MeshMessage.WorkDenied.class, 86);
        kryo.register(MeshMessage.FrameProgress.class, 87);
        kryo.register(MeshMessage.FrameDone.class, 88);
        kryo.register(MeshMessage.FrameFailed.class, 89);
        kryo.register(MeshMessage.FrameData.class, 90);
        kryo.register(MeshMessage.FrameFetch.class, 91);
        kryo.register(MeshMessage.BlobFetch.class, 92);
        kryo.register(MeshMessage.BlobChunk.class, 93);
        kryo.register(MeshMessage.ControlRequest.class, 94);
        kryo.register(MeshMessage.ControlReply.class, 95);
        kryo.register(MeshMessage.WorkerCommand.class, 96);
        kryo.register(MeshMessage.Sample.class, 97);
        kryo.register(MeshMessage.WatchInterest.class, 98);
        kryo.register(MeshMessage.JoinPending.class, 99);
        kryo.register(MeshMessage.JoinApproved.class, 100);
        kryo.register(MeshMessage.JoinClosed.class, 101);
        kryo.register(MeshMessage.SiteSummary.class, 102);
        kryo.register(MeshMessage.NodeControl.class, 110);
        kryo.register(MeshMessage.Handback.class, 111);
        kryo.register(MeshMessage.FrameHandback.class, 112);
        kryo.register(MeshMessage.PreviewFetch.class, 113);
        kryo.register(MeshMessage.PreviewReply.class, 114);
        kryo.register(MeshMessage.JobsDeleted.class, 115);
        kryo.register(MeshMessage.MergeClaim.class, 116);
        kryo.register(MeshMessage.TimedControl.class, 117);
        kryo.register(MeshMessage.PartDone.class, 118);
        kryo.register(MeshMessage.FrameParts.class, 119);
        kryo.register(MeshMessage.PartView.class, 120);
        kryo.register(MeshMessage.RemoteOffer.class, 103);
        kryo.register(MeshMessage.RemoteSample.class, 104);
        kryo.register(MeshMessage.RemoteFrameDone.class, 105);
        kryo.register(MeshMessage.SiteDone.class, 106);
        kryo.register(MeshMessage.RemoteControl.class, 107);
        kryo.register(MeshMessage.TakenJob.class, 108);
        kryo.register(MeshMessage.OfferTaken.class, 109);
    }
}
