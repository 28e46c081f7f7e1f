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
        for (Renderer r : candidates) {
            if (!allowed.isEmpty() && !allowed.contains(r.packageName())) continue;
            Optional<String> version = r.detectVersion();
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
