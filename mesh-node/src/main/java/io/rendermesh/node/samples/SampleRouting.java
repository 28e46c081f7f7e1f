package io.rendermesh.node.samples;

import io.rendermesh.node.api.NodeApi.Preview;
import io.rendermesh.node.events.EventBus;
import io.rendermesh.node.events.NodeEvent;
import io.rendermesh.node.membership.MeshTransport;
import io.rendermesh.protocol.message.MeshMessage.Sample;
import io.rendermesh.protocol.message.MeshMessage.WatchInterest;
import io.rendermesh.protocol.model.FrameRecord;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Where samples go and what a node does with those it receives: out to the job's submitter and
 * to watching nodes; in, into the preview cache and onto the event bus, unless the frame already
 * finished (so no client sees a sample after that frame's frame-done).
 */
public final class SampleRouting {
    private final String self;
    private final MeshTransport transport;
    private final EventBus events;
    private final Clock clock;
    private final Executor loop;
    private final BiFunction<String, Integer, FrameRecord> frameOf;
    private final WatchRegistry watches;
    private java.util.function.ToIntFunction<String> heightOf = jobId -> 1;
    private final PreviewCache previews = new PreviewCache(512);
    private final PartPreviews parts = new PartPreviews();
    private final Map<String, String> submitters = new ConcurrentHashMap<>();
    private final Map<String, Long> watchAnnounced = new ConcurrentHashMap<>();

    /** @param frameOf this node's replica of a frame (job id, frame), read on the loop; null if unknown */
    public SampleRouting(String self, MeshTransport transport, EventBus events, Clock clock, Executor loop,
                         BiFunction<String, Integer, FrameRecord> frameOf) {
        this.self = self;
        this.transport = transport;
        this.events = events;
        this.clock = clock;
        this.loop = loop;
        this.frameOf = frameOf;
        this.watches = new WatchRegistry(clock);
    }

    private volatile java.util.function.Consumer<Sample> onSample = s -> { };

    /** Told every sample that reaches this node (another site's job passes them home). */
    public void onSample(java.util.function.Consumer<Sample> listener) {
        this.onSample = listener;
    }

    /** A job's frame height (how a part's rows map onto a downsized sample). */
    public void heights(java.util.function.ToIntFunction<String> height) {
        this.heightOf = height;
    }

    public void jobKnown(String jobId, String submittedBy) {
        submitters.put(jobId, submittedBy);
    }

    /** Relay thread: a sample goes to the submitter, to watching nodes, and to this node's own watchers. */
    public void send(Sample s) {
        Set<String> targets = watches.watchers(s.jobId());
        String submitter = submitters.get(s.jobId());
        if (submitter != null) targets.add(submitter);
        for (String node : targets) {
            if (node.equals(self)) loop.execute(() -> received(s));
            else transport.send(node, s);
        }
    }

    /** On the loop: a sample arrived. */
    public void received(Sample s) {
        FrameRecord f = frameOf.apply(s.jobId(), s.frame());
        if (f == null || f.state().terminal()) return;
        if (s.part() != null) {
            // a part of a split frame: what watchers see is the parts put together
            if (s.attempt() / 1000 < f.attempts()) return;
            var merged = parts.add(s, heightOf.applyAsInt(s.jobId()), clock.millis());
            if (merged.isEmpty()) return;
            byte[] jpeg;
            try {
                jpeg = SampleRelay.encodeJpeg(merged.get().image());
            } catch (java.io.IOException e) {
                return;
            }
            s = new Sample(s.jobId(), s.frame(), s.attempt(), s.node(), merged.get().pass(), Math.max(merged.get().pass(), f.samplesTotal()),
                    "image/jpeg", jpeg, s.passEndedAtMillis());
        } else if (f.attempts() > s.attempt()) {
            return;
        }
        previews.put(s.jobId(), s.frame(), new Preview(s.mime(), s.image(), s.pass(), s.passes()));
        onSample.accept(s);
        Map<String, Object> data = new java.util.LinkedHashMap<>(Map.of(
                "frame", s.frame(), "node", s.node(), "pass", s.pass(), "passes", s.passes(),
                "url", "/api/v1/jobs/" + s.jobId() + "/frames/" + s.frame() + "/preview?pass=" + s.pass(),
                "renderedAt", s.passEndedAtMillis()));
        if (f.site() != null) data.put("site", f.site());
        events.publish(new NodeEvent("sample", s.jobId(), clock.millis(), data));
    }

    public void interest(WatchInterest w) {
        watches.interest(w.jobId(), w.node(), w.untilMillis());
    }

    /** A client of this node watches the job: samples should come here for the next minute. */
    public void watch(String jobId) {
        long now = clock.millis();
        watches.interest(jobId, self, now + WatchRegistry.INTEREST_MILLIS);
        Long last = watchAnnounced.get(jobId);
        if (last == null || now - last > WatchRegistry.INTEREST_MILLIS / 3) {
            watchAnnounced.put(jobId, now);
            transport.broadcast(new WatchInterest(jobId, self, now + WatchRegistry.INTEREST_MILLIS));
        }
    }

    public Optional<Preview> preview(String jobId, int frame) {
        return previews.get(jobId, frame);
    }

    /** The latest sample of a frame this node has, as a message for a node that asks. */
    public Optional<Sample> latest(String jobId, int frame) {
        return previews.get(jobId, frame).map(p -> new Sample(jobId, frame, 0, self, p.pass(), p.passes(), p.mime(), p.bytes(), 0));
    }

    /** A sample fetched for a first preview request: kept to show, not announced as a new one. */
    public void remember(Sample s) {
        FrameRecord f = frameOf.apply(s.jobId(), s.frame());
        if (f == null || f.state().terminal() || s.image() == null || s.mime() == null) return;
        if (previews.get(s.jobId(), s.frame()).map(p -> p.pass() >= s.pass()).orElse(false)) return;
        previews.put(s.jobId(), s.frame(), new Preview(s.mime(), s.image(), s.pass(), s.passes()));
    }
}
