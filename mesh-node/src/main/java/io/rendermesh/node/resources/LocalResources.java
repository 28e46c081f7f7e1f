package io.rendermesh.node.resources;

import io.rendermesh.protocol.model.NodeResources;
import io.rendermesh.protocol.model.NodeState;
import io.rendermesh.protocol.model.RendererInfo;
import io.rendermesh.protocol.wire.ProtocolVersion;
import java.lang.management.ManagementFactory;
import java.util.List;

/** Reads this host's capabilities (cores, memory, OS, largest frame) and measures a relative speed. */
public final class LocalResources {
    private LocalResources() {
    }

    public static NodeResources describe(String name, String address, String site, List<RendererInfo> renderers,
                                         List<String> tags, int slots, String webUrl, String blobAddress) {
        int cores = Runtime.getRuntime().availableProcessors();
        long memoryMb = physicalMemoryMb();
        long maxFramePixels = FrameMemory.maxFramePixels(Runtime.getRuntime().maxMemory(), memoryMb * 1024 * 1024, slots);
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        return new NodeResources(name, address, site, renderers, cores, memoryMb, os, tags, slots, 0, NodeState.IDLE,
                measureSpeed(), webUrl, ProtocolVersion.CURRENT, blobAddress, maxFramePixels);
    }

    private static long physicalMemoryMb() {
        return physicalMemoryBytes() / (1024 * 1024);
    }

    /** The host's memory; the JVM's heap limit where the platform does not say. */
    public static long physicalMemoryBytes() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize();
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Millions of simple shading operations per second on one core, a rough figure users compare
     * nodes by (placement does not read it yet). Takes about 50 ms.
     */
    static double measureSpeed() {
        long start = System.nanoTime();
        long ops = 0;
        double acc = 0;
        while (System.nanoTime() - start < 50_000_000L && ops < 500_000_000L) {
            for (int i = 0; i < 10_000; i++) {
                double x = (ops + i) * 1e-6;
                acc += Math.sqrt(x * x + 1.0) * 0.5;
            }
            ops += 10_000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (acc < 0) ops++;
        return Math.round(ops / seconds / 1e6 * 10) / 10.0;
    }
}
