package io.rendermesh.bench;

import io.rendermesh.node.render.RenderRequest;
import io.rendermesh.node.render.builtin.BuiltinRenderer;
import io.rendermesh.protocol.model.JobProfileJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in tracer against Blender Cycles (CPU) on the same scene, built for both from one
 * description: three spheres on a plane under an area light, and a glTF torus of 102,400 triangles
 * in their place; 640x360, 64 samples, the same thread count. Prints paths per second for each (pixels x samples / render time; Blender's start-up and
 * scene building are not counted, the built-in renderer's scene loading and BVH are) and their ratio (goal: built-in >= Cycles), the
 * built-in renderer's on its second frame of the scene in this JVM (its first is printed too).
 */
final class CyclesComparison {
    static final int W = 640;
    static final int H = 360;
    static final int SAMPLES = 64;
    /** Three spheres (x, radius, r, g, b) resting on the plane y = 0. */
    private static final double[][] SPHERES = {{-1.3, 0.5, 0.8, 0.3, 0.3}, {0, 0.7, 0.3, 0.8, 0.3}, {1.3, 0.5, 0.3, 0.3, 0.8}};
    private static final Pattern SECONDS = Pattern.compile("CYCLES_SECONDS ([0-9.]+)");

    private CyclesComparison() {
    }

    static void run(String blender, int threads) throws Exception {
        compare(blender, threads, "three spheres", false);
        compare(blender, threads, "a glTF torus of " + String.format(Locale.ROOT, "%,d", 2 * TORUS_U * TORUS_V) + " triangles", true);
    }

    static final int TORUS_U = 320;
    static final int TORUS_V = 160;

    private static void compare(String blender, int threads, String label, boolean torus) throws Exception {
        Path dir = Files.createTempDirectory("cycles-bench");
        if (torus) GltfTorus.write(dir, TORUS_U, TORUS_V);
        Files.writeString(dir.resolve("scene.json"), builtinScene(torus));
        Files.writeString(dir.resolve("scene.py"), blenderScript(threads, dir, torus));
        // a node renders frame after frame in one JVM: the first frame of a scene also pays for compiling
        // the tracer's code for it (a second or more on 2 cores); the figure that counts is the next one's
        double first = builtinSeconds(dir, threads);
        double ours = builtinSeconds(dir, threads);
        double cycles = cyclesSeconds(blender, dir.resolve("scene.py"));
        double paths = (double) W * H * SAMPLES;
        System.out.printf(Locale.ROOT, "%s, %dx%d, %d samples, %d threads: built-in %.2f s, %,.0f paths/s (first frame in this JVM %.2f s)"
                + " | Cycles %.2f s, %,.0f paths/s | built-in / Cycles %.2f (goal >= 1)%n",
                label, W, H, SAMPLES, threads, ours, paths / ours, first, cycles, paths / cycles, cycles / ours);
    }

    private static String builtinScene(boolean torus) {
        StringBuilder s = new StringBuilder("{\"camera\":{\"position\":[0,1.2,6],\"lookAt\":[0,0.5,0],\"fov\":40},"
                + "\"sky\":{\"top\":[0,0,0],\"bottom\":[0,0,0]},\"materials\":{\"floor\":{\"type\":\"diffuse\",\"color\":[0.7,0.7,0.7]},"
                + "\"light\":{\"type\":\"emissive\",\"color\":[1,1,1],\"strength\":8}");
        for (int i = 0; i < SPHERES.length; i++) {
            s.append(String.format(Locale.ROOT, ",\"s%d\":{\"type\":\"diffuse\",\"color\":[%.2f,%.2f,%.2f]}", i, SPHERES[i][2], SPHERES[i][3], SPHERES[i][4]));
        }
        s.append("},\"objects\":[{\"type\":\"plane\",\"point\":[0,0,0],\"normal\":[0,1,0],\"material\":\"floor\"},"
                + "{\"type\":\"quad\",\"corner\":[-1,3.5,-1],\"edge1\":[2,0,0],\"edge2\":[0,0,2],\"material\":\"light\"}");
        if (torus) s.append(",{\"type\":\"mesh\",\"file\":\"torus.gltf\"}");
        for (int i = 0; i < SPHERES.length && !torus; i++) {
            s.append(String.format(Locale.ROOT, ",{\"type\":\"sphere\",\"center\":[%.2f,%.2f,0],\"radius\":%.2f,\"material\":\"s%d\"}",
                    SPHERES[i][0], SPHERES[i][1], SPHERES[i][1], i));
        }
        return s.append("]}").toString();
    }

    /** The same scene in Blender (Z up: our (x, y, z) is Blender's (x, -z, y)), rendered once, timed inside Blender. */
    private static String blenderScript(int threads, Path dir, boolean torus) {
        Path out = dir.resolve("cycles.png");
        StringBuilder py = new StringBuilder("""
                import bpy, math, time
                from mathutils import Vector
                bpy.ops.wm.read_factory_settings(use_empty=True)
                sc = bpy.context.scene
                sc.render.engine = 'CYCLES'
                sc.cycles.device = 'CPU'
                sc.cycles.samples = %d
                sc.cycles.use_adaptive_sampling = False
                sc.cycles.use_denoising = False
                sc.cycles.max_bounces = 8
                sc.render.threads_mode = 'FIXED'
                sc.render.threads = %d
                sc.render.resolution_x = %d
                sc.render.resolution_y = %d
                sc.render.resolution_percentage = 100
                sc.render.filepath = '%s'
                world = bpy.data.worlds.new('w'); world.use_nodes = True
                world.node_tree.nodes['Background'].inputs[1].default_value = 0.0
                sc.world = world
                def mat(name, color, emit=0.0):
                    m = bpy.data.materials.new(name); m.use_nodes = True
                    nt = m.node_tree; nt.nodes.clear()
                    o = nt.nodes.new('ShaderNodeOutputMaterial')
                    if emit > 0:
                        e = nt.nodes.new('ShaderNodeEmission'); e.inputs[0].default_value = (*color, 1); e.inputs[1].default_value = emit
                        nt.links.new(e.outputs[0], o.inputs[0])
                    else:
                        d = nt.nodes.new('ShaderNodeBsdfDiffuse'); d.inputs[0].default_value = (*color, 1)
                        nt.links.new(d.outputs[0], o.inputs[0])
                    return m
                bpy.ops.mesh.primitive_plane_add(size=200, location=(0, 0, 0)); bpy.context.object.data.materials.append(mat('floor', (0.7, 0.7, 0.7)))
                bpy.ops.mesh.primitive_plane_add(size=2, location=(0, 0, 3.5)); bpy.context.object.data.materials.append(mat('light', (1, 1, 1), 8.0))
                bpy.context.object.rotation_euler = (math.pi, 0, 0)
                """.formatted(SAMPLES, threads, W, H, out.toString()));
        // the same vertices and triangles, read from the glTF's own buffer (Blender's glTF importer needs numpy,
        // which a distribution's Blender may lack); glTF is Y up, Blender Z up
        if (torus) py.append(String.format(Locale.ROOT, """
                import array
                raw = open('%s', 'rb').read(); nv = %d; nt = %d
                f = array.array('f'); f.frombytes(raw[:nv * 12]); ix = array.array('I'); ix.frombytes(raw[nv * 24:nv * 24 + nt * 12])
                verts = [(f[3*i], -f[3*i+2], f[3*i+1]) for i in range(nv)]
                faces = [(ix[3*i], ix[3*i+1], ix[3*i+2]) for i in range(nt)]
                me = bpy.data.meshes.new('torus'); me.from_pydata(verts, [], faces); me.update()
                me.polygons.foreach_set('use_smooth', [True] * nt)
                ob = bpy.data.objects.new('torus', me); sc.collection.objects.link(ob); me.materials.append(mat('t', (0.3, 0.8, 0.3)))
                """, dir.resolve("torus.bin"), TORUS_U * TORUS_V, 2 * TORUS_U * TORUS_V));
        for (int i = 0; i < SPHERES.length && !torus; i++) {
            double[] s = SPHERES[i];
            py.append(String.format(Locale.ROOT, "bpy.ops.mesh.primitive_uv_sphere_add(segments=64, ring_count=32, radius=%.2f, location=(%.2f, 0, %.2f))%n"
                    + "bpy.ops.object.shade_smooth(); bpy.context.object.data.materials.append(mat('s%d', (%.2f, %.2f, %.2f)))%n",
                    s[1], s[0], s[1], i, s[2], s[3], s[4]));
        }
        py.append("""
                cam = bpy.data.cameras.new('cam'); cam.sensor_fit = 'VERTICAL'; cam.angle = math.radians(40)
                co = bpy.data.objects.new('cam', cam); sc.collection.objects.link(co); sc.camera = co
                co.location = (0, -6, 1.2)
                co.rotation_euler = (Vector((0, 0, 0.5)) - co.location).to_track_quat('-Z', 'Y').to_euler()
                t = time.time(); bpy.ops.render.render(write_still=True); print('CYCLES_SECONDS %.3f' % (time.time() - t))
                """);
        return py.toString();
    }

    private static double builtinSeconds(Path dir, int threads) throws Exception {
        var profile = JobProfileJson.parse("{\"scene\":\"scene.json\",\"renderer\":\"builtin\",\"frames\":\"1\",\"width\":" + W
                + ",\"height\":" + H + ",\"samples\":" + SAMPLES + "}");
        BenchControl control = new BenchControl(SAMPLES);
        long start = System.nanoTime();
        new BuiltinRenderer().render(new RenderRequest("bench", 1, 1, profile, dir, Files.createTempDirectory(dir, "r"), threads, SAMPLES, 1), control);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double cyclesSeconds(String blender, Path script) throws Exception {
        Process p = new ProcessBuilder(List.of(blender, "-b", "--factory-startup", "-noaudio", "--python", script.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Blender did not finish");
        }
        Matcher m = SECONDS.matcher(out);
        if (!m.find()) throw new IllegalStateException("Blender printed no render time:\n" + out);
        return Double.parseDouble(m.group(1));
    }
}
