package io.rendermesh.node.render;

import io.rendermesh.protocol.model.RendererInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The renderers this node offers: those registered, installed on this host, and allowed by config. */
public final class RendererRegistry {
    private static final Logger log = LoggerFactory.getLogger(RendererRegistry.class);
    private final Map<String, Renderer> renderers = new LinkedHashMap<>();
    private final Map<String, String> versions = new LinkedHashMap<>();

    /** @param allowed package names to offer; empty offers every detected renderer */
    public RendererRegistry(Collection<Renderer> candidates, Collection<String> allowed) {
        List<Renderer> wanted = candidates.stream().filter(r -> allowed.isEmpty() || allowed.contains(r.packageName())).toList();
        // each probe may start a program (Blender's takes most of a second): side by side, not one after another
        List<java.util.concurrent.CompletableFuture<Optional<String>>> probes = new ArrayList<>();
        for (Renderer r : wanted) {
            probes.add(r instanceof io.rendermesh.node.render.process.ExternalRenderer external ? external.startProbe()
                    : java.util.concurrent.CompletableFuture.completedFuture(r.detectVersion()));
        }
        for (int i = 0; i < wanted.size(); i++) {
            Renderer r = wanted.get(i);
            Optional<String> version = probes.get(i).join();
            if (version.isPresent()) {
                renderers.put(r.packageName(), r);
                versions.put(r.packageName(), version.get());
                log.info("renderer {} {} available", r.packageName(), version.get());
            } else {
                log.info("renderer {} not found on this host", r.packageName());
            }
        }
    }

    public Optional<Renderer> get(String packageName) {
        return Optional.ofNullable(renderers.get(packageName));
    }

    public List<RendererInfo> installed() {
        List<RendererInfo> out = new ArrayList<>();
        versions.forEach((k, v) -> out.add(new RendererInfo(k, v, !renderers.get(k).confined())));
        return out;
    }
}
