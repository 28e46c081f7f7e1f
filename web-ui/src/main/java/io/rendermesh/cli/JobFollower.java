package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Follows a job to its end with a progress bar, then downloads its finished frames as NNNN.png. */
final class JobFollower {
    static final Duration POLL = Duration.ofMillis(300);
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
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(job.get("name").asText()).setInitialMax(job.get("framesTotal").asLong())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build()) {
            while (!terminal(job.get("state").asText()) && System.nanoTime() < deadline) {
                bar.stepTo(job.get("framesDone").asLong());
                bar.setExtraMessage(extra(job));
                Thread.sleep(POLL.toMillis());
                job = api.get("/jobs/" + id);
            }
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

    private static String extra(JsonNode job) {
        int rendering = 0;
        for (JsonNode f : job.get("frames")) {
            String s = f.get("state").asText();
            if (s.equals("rendering") || s.equals("assigned")) rendering++;
        }
        String reason = job.hasNonNull("pendingReason") ? " (" + job.get("pendingReason").asText() + ")" : "";
        return job.get("state").asText() + ", " + rendering + " rendering" + reason;
    }

    static boolean terminal(String state) {
        return state.equals("done") || state.equals("failed") || state.equals("cancelled");
    }
}
