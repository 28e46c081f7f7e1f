package io.rendermesh.web;

import io.javalin.http.Context;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Finished frames, previews and the whole job as a zip. {@code ?w=N} scales an image down to at
 * most N pixels wide, so a page of 240 tiles does not pull 240 full-size frames.
 */
final class FrameRoutes {
    /** Frames fetched from peers ahead of the one being written into the zip. */
    private static final int ZIP_PREFETCH = 4;
    private static final long FETCH_TIMEOUT_SEC = 60;
    private final NodeApi node;

    FrameRoutes(NodeApi node) {
        this.node = node;
    }

    void frame(Context ctx) {
        String id = ctx.pathParam("id");
        int n = frameNumber(ctx);
        Integer width = maxWidth(ctx);
        ctx.future(() -> node.frame(id, n).thenAccept(png -> {
            if (png.isEmpty()) {
                HttpApi.error(ctx, 404, "frame " + n + " of job " + id + " is not done yet");
                return;
            }
            Thumbnails.Image image = width == null ? new Thumbnails.Image(png.get(), "image/png") : Thumbnails.scale(png.get(), "image/png", width);
            ctx.contentType(image.mime()).header("Cache-Control", "max-age=3600").result(image.bytes());
        }));
    }

    void preview(Context ctx) {
        String id = ctx.pathParam("id");
        int n = frameNumber(ctx);
        Integer width = maxWidth(ctx);
        ctx.future(() -> node.preview(id, n).thenAccept(preview -> {
            if (preview.isEmpty()) {
                HttpApi.error(ctx, 404, "no sample of frame " + n + " of job " + id + " yet");
                return;
            }
            var p = preview.get();
            Thumbnails.Image image = width == null ? new Thumbnails.Image(p.bytes(), p.mime()) : Thumbnails.scale(p.bytes(), p.mime(), width);
            ctx.contentType(image.mime()).header("Cache-Control", "no-store")
                    .header("X-Pass", Integer.toString(p.pass())).header("X-Passes", Integer.toString(p.passes()))
                    .result(image.bytes());
        }));
    }

    /** Every done frame as NNNN.png; frames still rendering are left out (the name says how many). */
    void zip(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        JobRecord job = node.job(id);
        List<Integer> done = job.frames().stream().filter(f -> f.state() == FrameState.DONE).map(FrameRecord::frame).sorted().toList();
        if (done.isEmpty()) {
            HttpApi.error(ctx, 404, "job " + id + " has no finished frames yet");
            return;
        }
        String name = safeName(job.profile().name()) + "-" + id + (done.size() < job.frames().size() ? "-partial" : "") + ".zip";
        ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        List<CompletableFuture<Optional<byte[]>>> fetches = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(ZIP_PREFETCH, done.size()); i++) fetches.add(node.frame(id, done.get(i)));
        OutputStream out = ctx.outputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(java.util.zip.Deflater.NO_COMPRESSION); // PNGs are compressed already
            for (int i = 0; i < done.size(); i++) {
                if (i + ZIP_PREFETCH < done.size()) fetches.add(node.frame(id, done.get(i + ZIP_PREFETCH)));
                Optional<byte[]> png = await(fetches.get(i));
                fetches.set(i, null);
                if (png.isEmpty()) continue;
                zip.putNextEntry(new ZipEntry(String.format("%04d.png", done.get(i))));
                zip.write(png.get());
                zip.closeEntry();
            }
        }
    }

    private static Optional<byte[]> await(CompletableFuture<Optional<byte[]>> f) throws IOException {
        try {
            return f.get(FETCH_TIMEOUT_SEC, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not fetch a frame for the zip: " + e, e);
        }
    }

    static String safeName(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "job" : s.substring(0, Math.min(60, s.length()));
    }

    private static Integer maxWidth(Context ctx) {
        String raw = ctx.queryParam("w");
        if (raw == null) return null;
        try {
            int w = Integer.parseInt(raw);
            if (w < 8 || w > 4096) throw new NumberFormatException();
            return w;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("w must be a width between 8 and 4096 pixels, got '" + raw + "'");
        }
    }

    static int frameNumber(Context ctx) {
        String raw = ctx.pathParam("n");
        try {
            int n = Integer.parseInt(raw);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("frame must be a non-negative whole number, got '" + raw + "'");
        }
    }
}
