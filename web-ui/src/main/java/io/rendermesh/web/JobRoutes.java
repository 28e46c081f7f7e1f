package io.rendermesh.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfile;
import io.rendermesh.protocol.model.JobProfileJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Job creation (JSON or multipart with the bundle's files), finished frames and previews. */
final class JobRoutes {
    private final NodeApi node;
    private final ObjectMapper json;
    private final long maxUploadBytes;

    JobRoutes(NodeApi node, ObjectMapper json, long maxUploadBytes) {
        this.node = node;
        this.json = json;
        this.maxUploadBytes = maxUploadBytes;
    }

    void create(Context ctx) throws Exception {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        JobProfile profile;
        List<NodeApi.UploadedFile> files = new ArrayList<>();
        if (type.startsWith("multipart/form-data")) {
            if (ctx.contentLength() > maxUploadBytes) {
                throw new NodeApi.UploadTooLargeException("upload of " + ctx.contentLength() + " bytes exceeds this node's limit of "
                        + maxUploadBytes + " bytes");
            }
            String profileText;
            Map<String, List<UploadedFile>> parts;
            try {
                profileText = ctx.formParam("profile");
                parts = ctx.uploadedFileMap();
            } catch (RuntimeException e) {
                throw MultipartFailure.of(e, maxUploadBytes);
            }
            if (profileText == null && parts.containsKey("profile")) {
                profileText = new String(parts.get("profile").get(0).content().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            if (profileText == null) throw new InvalidInputException("multipart upload needs a 'profile' part with the job profile JSON");
            profile = JobProfileJson.parse(profileText);
            long total = 0;
            for (Map.Entry<String, List<UploadedFile>> e : parts.entrySet()) {
                if (e.getKey().equals("profile")) continue;
                for (UploadedFile f : e.getValue()) {
                    total += f.size();
                    if (total > maxUploadBytes) throw new NodeApi.UploadTooLargeException("upload exceeds " + maxUploadBytes + " bytes");
                    files.add(new NodeApi.UploadedFile(pathOf(e.getKey(), f), f::content));
                }
            }
        } else if (type.startsWith("application/json")) {
            profile = JobProfileJson.parse(ctx.body());
        } else {
            throw new InvalidInputException("send the job profile as application/json, or multipart/form-data with its files");
        }
        String id = node.submit(profile, files);
        ctx.status(201).contentType("application/json").result(json.writeValueAsString(Map.of("id", id)));
    }

    /**
     * A file part's bundle path is its filename; some clients strip directories from filenames,
     * so a part named with the full path (ending in the filename) wins.
     */
    static String pathOf(String partName, UploadedFile f) {
        String filename = f.filename();
        if (filename == null || filename.isBlank()) return partName;
        if (!filename.contains("/") && partName.endsWith("/" + filename)) return partName;
        return filename;
    }
}
