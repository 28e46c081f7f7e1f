package io.rendermesh.node.scale;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.RenderException;
import io.rendermesh.node.render.RenderOutcome;
import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.Renderer;
import io.rendermesh.node.render.synthetic.SyntheticRenderer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The synthetic renderer, counting how often each frame of each job was rendered to the end (shared by a test's nodes). */
final class CountingRenderer implements Renderer {
    private final SyntheticRenderer synthetic;
    private final Map<String, AtomicInteger> renders;

    CountingRenderer(Map<String, AtomicInteger> renders) {
        this(renders, new SyntheticRenderer());
    }

    CountingRenderer(Map<String, AtomicInteger> renders, SyntheticRenderer synthetic) {
        this.renders = renders;
        this.synthetic = synthetic;
    }

    static Map<String, AtomicInteger> tally() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public String packageName() {
        return synthetic.packageName();
    }

    @Override
    public Optional<String> detectVersion() {
        return synthetic.detectVersion();
    }

    @Override
    public RenderOutcome render(RenderRequest request, RenderControl control) throws RenderException, InterruptedException {
        RenderOutcome outcome = synthetic.render(request, control);
        renders.computeIfAbsent(request.jobId() + "#" + request.frame(), k -> new AtomicInteger()).incrementAndGet();
        return outcome;
    }
}
