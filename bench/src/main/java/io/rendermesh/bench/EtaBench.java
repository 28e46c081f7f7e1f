package io.rendermesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How honest the time left is: a job of synthetic frames on three node processes; when 25 %, 50 %
 * and 75 % of its frames are done, the job's "etaSec" is read and later compared with the time it
 * actually took to finish. Goal: within 15 %. Args: frames (120), frame milliseconds (400).
 */
public final class EtaBench {
    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        int millis = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        try (LocalMesh mesh = new LocalMesh(3)) {
            String id = mesh.submit(0, "{\"name\":\"eta\",\"scene\":\"none\",\"renderer\":\"synthetic\",\"frames\":\"1-" + frames
                    + "\",\"width\":64,\"height\":36,\"samples\":4,\"params\":{\"frameMillis\":" + millis + ",\"passes\":4}}");
            double[] marks = {0.25, 0.50, 0.75};
            long[] at = new long[marks.length];
            long[] eta = new long[marks.length];
            int next = 0;
            long end = -1;
            long deadline = System.nanoTime() + 600_000_000_000L;
            for (int polls = 0; polls < 1_000_000 && end < 0 && System.nanoTime() < deadline; polls++) {
                JsonNode job = LocalMesh.get(mesh.urls.get(1) + "/api/v1/jobs/" + id);
                long now = System.nanoTime();
                int done = job.get("framesDone").asInt();
                while (next < marks.length && done >= marks[next] * frames) {
                    at[next] = now;
                    eta[next] = job.path("etaSec").isNumber() ? job.get("etaSec").asLong() : -1;
                    next++;
                }
                if (job.get("state").asText().equals("done")) end = now;
                else Thread.sleep(50);
            }
            if (end < 0) throw new IllegalStateException("the job did not finish");
            List<String> rows = new ArrayList<>();
            double worst = 0;
            for (int i = 0; i < marks.length; i++) {
                double actual = (end - at[i]) / 1e9;
                double error = eta[i] < 0 ? Double.NaN : Math.abs(eta[i] - actual) / actual;
                worst = Double.isNaN(error) ? Double.NaN : Math.max(worst, error);
                rows.add(String.format("at %2.0f %%: said %d s left, took %.1f s: error %.0f %%", marks[i] * 100, eta[i], actual, error * 100));
            }
            rows.forEach(System.out::println);
            System.out.printf("worst ETA error %.0f %% (goal <= 15 %%), %d frames of %d ms on 3 nodes%n", worst * 100, frames, millis);
        }
    }
}
