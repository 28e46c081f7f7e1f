package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Follows a job to its end with a progress bar, then downloads its finished frames as NNNN.png. */
final class JobFollower {
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration GIVE_UP_AFTER = Duration.ofDays(7);
    private final ApiClient api;
    private final String id;

    JobFollower(ApiClient api, String id) {
        this.api = api;
        this.id = id;
    }

    /** Exit code: 0 when every frame is done and written. */
    int followAndDownload(Path out) throws IOException, InterruptedException {
        JsonNode job = api.get("/jobs/" + id);
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        // live per-frame progress from the node's event stream; the poll below only confirms the end
        Map<Integer, String> rendering = new ConcurrentSkipListMap<>();
        AtomicLong done = new AtomicLong(job.get("framesDone").asLong());
        var stream = api.events("/jobs/" + id + "/events", (event, data) -> {
            int frame = data.path("frame").asInt(-1);
            switch (event) {
                case "frame-assigned" -> rendering.put(frame, data.path("node").asText() + " 0");
                case "sample" -> rendering.put(frame, data.path("node").asText() + " " + data.path("pass").asInt() + "/"
                        + data.path("passes").asInt());
                case "frame-done" -> {
                    rendering.remove(frame);
                    done.incrementAndGet();
                }
                case "frame-failed" -> rendering.remove(frame);
                default -> {
                }
            }
        });
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(job.get("name").asText()).setInitialMax(job.get("framesTotal").asLong())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build()) {
            long nextPoll = 0;
            while (!terminal(job.get("state").asText()) && System.nanoTime() < deadline) {
                bar.stepTo(Math.min(job.get("framesTotal").asLong(), Math.max(done.get(), job.get("framesDone").asLong())));
                bar.setExtraMessage(extra(job, rendering));
                Thread.sleep(100);
                if (System.nanoTime() >= nextPoll) {
                    job = api.get("/jobs/" + id);
                    nextPoll = System.nanoTime() + POLL.toNanos();
                }
            }
            stream.cancel(true);
            bar.stepTo(job.get("framesDone").asLong());
            bar.setExtraMessage(job.get("state").asText());
        }
        Files.createDirectories(out);
        int written = 0;
        for (JsonNode f : job.get("frames")) {
            if (!"done".equals(f.get("state").asText())) continue;
            int n = f.get("frame").asInt();
            Files.write(out.resolve(String.format("%04d.png", n)), api.getBytes("/jobs/" + id + "/frames/" + n));
            written++;
        }
        String state = job.get("state").asText();
        System.out.println("job " + id + " " + state + ": " + written + " of " + job.get("framesTotal").asInt()
                + " frames written to " + out.toAbsolutePath());
        if (!"done".equals(state)) {
            for (JsonNode f : job.get("frames")) {
                if (f.hasNonNull("error") && !"done".equals(f.get("state").asText())) {
                    System.err.println("frame " + f.get("frame").asInt() + ": " + f.get("error").asText());
                }
            }
            if (job.hasNonNull("pendingReason")) System.err.println(job.get("pendingReason").asText());
        }
        return "done".equals(state) && written == job.get("framesTotal").asInt() ? 0 : 1;
    }

    /** e.g. "running; 7: nodeA 12/32, 8: nodeB 3/32" (at most four frames shown). */
    private static String extra(JsonNode job, Map<Integer, String> rendering) {
        StringBuilder s = new StringBuilder(job.get("state").asText());
        if (job.hasNonNull("etaSec") && !terminal(job.get("state").asText())) s.append(", ").append(left(job.get("etaSec").asLong()));
        if (job.hasNonNull("pendingReason")) s.append(" (").append(job.get("pendingReason").asText()).append(')');
        int shown = 0;
        for (Map.Entry<Integer, String> e : rendering.entrySet()) {
            s.append(shown == 0 ? "; " : ", ").append(e.getKey()).append(": ").append(e.getValue());
            if (++shown == 4) {
                if (rendering.size() > 4) s.append(" +").append(rendering.size() - 4);
                break;
            }
        }
        return s.toString();
    }

    /** "about 40 s left", "about 3 min left", "about 2 h 5 min left". */
    static String left(long seconds) {
        if (seconds < 60) return "about " + seconds + " s left";
        if (seconds < 3_600) return "about " + Math.round(seconds / 60.0) + " min left";
        return "about " + seconds / 3_600 + " h " + (seconds % 3_600) / 60 + " min left";
    }

    static boolean terminal(String state) {
        return state.equals("done") || state.equals("failed") || state.equals("cancelled");
    }
}
