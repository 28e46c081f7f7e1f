package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `rendermesh submit`: sends a scene and its bundle to a node; with --wait, follows it and downloads the frames. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a render job.")
final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "main scene file, or a bundled scene such as builtin:demo")
    String scene;
    @Option(names = "--bundle", description = "folder whose files are sent with the scene (default: the scene's folder)")
    Path bundle;
    @Option(names = "--frames", defaultValue = "1-24", description = "frames, e.g. 1-24, 1-48x2, 1,5,9-12")
    String frames;
    @Option(names = "--renderer", description = "builtin, povray, blender or synthetic (default: from the scene's extension)")
    String renderer;
    @picocli.CommandLine.Mixin
    ImageOptions image;
    @Option(names = "--priority", defaultValue = "50", description = "0-100")
    int priority;
    @Option(names = "--allow-remote", description = "the job may overflow to another site")
    boolean allowRemote;
    @Option(names = "--split", description = "auto (default: a frame renders across nodes when the mesh has more free slots than "
            + "the job has frames), always, never")
    String split;
    @Option(names = "--name", description = "job name (default: the scene's name)")
    String name;
    @Option(names = "--timeout-per-frame", description = "seconds without progress before a frame's attempt is stopped")
    Integer timeoutPerFrameSec;
    @Option(names = "--max-attempts", description = "attempts per frame before the job fails")
    Integer maxAttempts;
    @Option(names = "--param", description = "renderer parameter key=value (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();
    @Option(names = "--wait", description = "wait for the job, showing progress, then download its frames")
    boolean waitForJob;
    @Option(names = "--out", description = "where --wait writes NNNN.png (default: ./rendermesh-out/JOB)")
    Path out;
    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws Exception {
        ApiClient api = connection.client();
        String pkg = renderer != null ? renderer : rendererFor(scene);
        boolean bundled = scene.startsWith("builtin:");
        ObjectNode profile = ApiClient.JSON.createObjectNode();
        profile.put("name", name != null ? name : bundled ? scene.substring(8) : Path.of(scene).getFileName().toString());
        profile.putObject("renderer").put("package", pkg);
        profile.put("frames", frames).put("priority", priority).put("allowRemote", allowRemote);
        image.writeTo(profile);
        if (timeoutPerFrameSec != null) profile.put("timeoutPerFrameSec", timeoutPerFrameSec);
        if (maxAttempts != null) profile.put("maxAttempts", maxAttempts);
        if (split != null) profile.put("split", split);
        ObjectNode p = profile.putObject("params");
        params.forEach(p::put);
        JsonNode created;
        if (bundled || "synthetic".equals(pkg) && !Files.exists(Path.of(scene))) {
            profile.put("scene", scene);
            created = api.postJsonText("/jobs", profile.toString());
        } else {
            Path sceneFile = Path.of(scene).toAbsolutePath().normalize();
            if (!Files.isRegularFile(sceneFile)) throw new CliException("scene file " + scene + " does not exist");
            Path root = (bundle != null ? bundle : sceneFile.getParent()).toAbsolutePath().normalize();
            if (!sceneFile.startsWith(root)) throw new CliException("scene " + scene + " is not inside the bundle folder " + root);
            profile.put("scene", root.relativize(sceneFile).toString().replace('\\', '/'));
            created = api.postMultipart("/jobs", profile.toString(), bundleFiles(root));
        }
        String id = created.get("id").asText();
        System.out.println(id);
        if (!waitForJob) return 0;
        return new JobFollower(api, id).followAndDownload(out != null ? out : Path.of("rendermesh-out", id));
    }

    static String rendererFor(String scene) {
        if (scene.startsWith("builtin:")) return "builtin";
        String s = scene.toLowerCase(Locale.ROOT);
        if (s.endsWith(".json") || s.endsWith(".gltf") || s.endsWith(".glb")) return "builtin";
        if (s.endsWith(".pov")) return "povray";
        if (s.endsWith(".blend")) return "blender";
        throw new CliException("cannot tell the renderer from '" + scene + "': give --renderer");
    }

    static Map<String, Path> bundleFiles(Path root) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(f -> !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                if (Files.isSymbolicLink(f)) {
                    // a link could carry files from outside the bundle to every node of the mesh
                    throw new CliException("bundle file " + root.relativize(f) + " is a symbolic link: copy the file into the bundle instead");
                }
                if (!Files.isRegularFile(f)) continue;
                files.put(root.relativize(f).toString().replace('\\', '/'), f);
            }
        }
        return files;
    }
}
