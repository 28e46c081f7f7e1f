package io.rendermesh.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.faults.FaultTable.Fault;
import io.rendermesh.faults.FaultTable.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** One run of the fault suite: a job, one fault at a seeded moment, the checks. */
final class FaultRun {
    private final FaultSuiteIT suite;
    private final FaultWorld w;
    private final int run;
    private final long seed;
    private final Fault fault;
    private final Path out;
    private final Random rnd;
    private String id;
    /** A node the test reads the job from: alive and on the side that sees the end. */
    private String observer;
    private String detail = "";
    private long takeover = -1;
    /** Frames that must be in the output even when the job ends cancelled. */
    private Set<Integer> mustBeDone = Set.of();

    FaultRun(FaultSuiteIT suite, int run, long seed, Fault fault, Path out) {
        this.suite = suite;
        this.w = suite.world();
        this.run = run;
        this.seed = seed;
        this.fault = fault;
        this.out = out;
        this.rnd = new Random(seed);
    }

    Outcome run() throws Exception {
        // a partition takes ~10 s to detect: its frames are long enough that the job still runs then,
        // so the control input lands on a running job
        int millis = fault == Fault.PARTITION ? 3000 + rnd.nextInt(1000) : 200 + rnd.nextInt(200);
        String via = FaultSuiteIT.pickOrder(rnd, FaultWorld.NAMES).get(0);
        double rendersBefore = suite.renders();
        FaultWorld.Reply submitted = w.post(via, "/api/v1/jobs", "{\"name\":\"fault-" + run + "\",\"scene\":\"none\",\"renderer\":"
                + "\"synthetic\",\"frames\":\"1-" + FaultSuiteIT.FRAMES + "\",\"width\":32,\"height\":18,\"samples\":2,"
                + "\"params\":{\"frameMillis\":" + millis + ",\"passes\":2}}");
        if (submitted.status() != 201) throw new AssertionError("submission refused: " + submitted);
        id = submitted.json().get("id").asText();
        int moment = 2 + rnd.nextInt(FaultSuiteIT.FRAMES / 3);
        String v = via;
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> job(v).get("framesDone").asInt() >= moment);
        String coordinator = job(via).get("coordinator").asText();
        List<String> others = FaultSuiteIT.pickOrder(rnd, FaultWorld.NAMES.stream().filter(n -> !n.equals(coordinator)).toList());
        observer = others.get(0);
        switch (fault) {
            case KILL_COORDINATOR -> killAndTime(coordinator, false);
            case KILL_WORKER -> killWorker(coordinator, others);
            case RESTART -> killAndTime(rnd.nextBoolean() ? coordinator : others.get(1), true);
            case PARTITION -> partition(coordinator);
            case FULL_DISK -> fullDisk(coordinator);
        }
        JsonNode end = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> job(observer), j -> Set.of("done", "cancelled", "failed").contains(j.get("state").asText()));
        int lost = lost(end);
        int twice = (int) Math.round(suite.renders() - rendersBefore) - FaultSuiteIT.doneFrames(end).size();
        return new Outcome(run, seed, fault, detail + "; ended " + end.get("state").asText() + " with "
                + FaultSuiteIT.doneFrames(end).size() + " frames done", FaultSuiteIT.FRAMES, lost, Math.max(0, twice), takeover);
    }

    private JsonNode job(String via) throws Exception {
        FaultWorld.Reply r = w.get(via, "/api/v1/jobs/" + id);
        if (r.status() != 200) throw new IllegalStateException(via + ": " + r);
        return r.json();
    }

    /** kill -9 of {@code victim}; when it coordinated the job, the time until a survivor names another coordinator. */
    private void killAndTime(String victim, boolean restart) throws Exception {
        if (victim.equals(observer)) observer = FaultWorld.NAMES.stream().filter(n -> !n.equals(victim)).findFirst().orElseThrow();
        boolean coordinated = victim.equals(job(observer).get("coordinator").asText());
        suite.scrape(victim);
        long t0 = System.nanoTime();
        w.kill(victim);
        suite.bank(victim);
        if (restart) w.start(victim);
        if (coordinated) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> !job(observer).get("coordinator").asText().equals(victim));
            takeover = (System.nanoTime() - t0) / 1_000_000;
        }
        detail = (restart ? "restarted " : "killed ") + victim + (coordinated ? " (the coordinator)" : "");
    }

    private void killWorker(String coordinator, List<String> others) throws Exception {
        JsonNode job = job(observer);
        String victim = null;
        for (JsonNode f : job.get("frames")) {
            String node = f.path("node").asText("");
            String state = f.get("state").asText();
            if ((state.equals("rendering") || state.equals("assigned")) && !node.equals(coordinator) && !node.equals(observer)) victim = node;
        }
        if (victim == null) victim = others.get(1);
        killAndTime(victim, false);
    }

    /**
     * The link goes down; once the far side has taken the job over, a control action goes in on a
     * seeded side; the link comes back; the action must be in force on every node.
     */
    private void partition(String coordinator) throws Exception {
        List<String> near = w.sideOf(coordinator);
        List<String> far = FaultWorld.NAMES.stream().filter(n -> !near.contains(n)).toList();
        w.split();
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> far.contains(job(far.get(0)).get("coordinator").asText()));
        long split = (System.nanoTime() - t0) / 1_000_000;
        List<String> side = rnd.nextBoolean() ? near : far;
        String action = List.of("cancel", "pause", "priority").get(rnd.nextInt(3));
        int priority = 1 + rnd.nextInt(99);
        String body = action.equals("priority") ? "{\"action\":\"priority\",\"value\":" + priority + "}" : "{\"action\":\"" + action + "\"}";
        // 503 means "the coordinator is changing, try again" (API.md): a client tries again, a few times
        FaultWorld.Reply r = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> w.post(side.get(0), "/api/v1/jobs/" + id + "/control", body), reply -> reply.status() != 503);
        boolean refusedAsDone = r.status() == 409 && job(side.get(0)).get("state").asText().equals("done");
        if (r.status() != 202 && !refusedAsDone) throw new AssertionError(action + " on " + side.get(0) + " during the split: " + r);
        // what the action did on its side: a job that side had already finished stays done (a cancel
        // or a pause of a finished job changes nothing), and that is what every node must show
        JsonNode settled = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> job(side.get(0)), j -> j.get("state").asText().equals("done") || inForce(action, priority, j));
        String state = settled.get("state").asText();
        if (action.equals("cancel")) mustBeDone = FaultSuiteIT.doneFrames(settled);
        long t1 = System.nanoTime();
        w.heal();
        JsonNode merged = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            JsonNode first = null;
            for (String n : FaultWorld.NAMES) {
                JsonNode j = job(n);
                if (first != null && !j.get("coordinator").equals(first.get("coordinator"))) return null;
                boolean same = action.equals("priority") ? j.get("priority").asInt() == settled.get("priority").asInt()
                        : j.get("state").asText().equals(state);
                if (!same) return null;
                first = j;
            }
            return first;
        }, j -> j != null);
        long heal = (System.nanoTime() - t1) / 1_000_000;
        if (state.equals("paused")) w.post(observer, "/api/v1/jobs/" + id + "/control", "{\"action\":\"resume\"}");
        observer = near.get(0);
        detail = String.format("%s sent on %s's side during the split (job %s there) (far side took over in %.1f s); in force on every node "
                + "%.1f s after the heal, coordinator %s", action + (action.equals("priority") ? " " + priority : ""), side.get(0), state,
                split / 1000.0, heal / 1000.0, merged.get("coordinator").asText());
    }

    private static boolean inForce(String action, int priority, JsonNode job) {
        return switch (action) {
            case "cancel" -> job.get("state").asText().equals("cancelled");
            case "pause" -> job.get("state").asText().equals("paused");
            default -> job.get("priority").asInt() == priority;
        };
    }

    private void fullDisk(String coordinator) throws Exception {
        if (observer.equals(FaultWorld.DISK_NODE)) observer = coordinator.equals("n1") ? "n2" : "n1";
        w.fillDisk();
        detail = "filled the data dir of " + FaultWorld.DISK_NODE + (coordinator.equals(FaultWorld.DISK_NODE) ? " (the coordinator)" : "");
    }

    /** Frames that should be in the output but are not: each frame fetched once (one file per frame number), as a PNG. */
    private int lost(JsonNode end) throws Exception {
        Files.createDirectories(out);
        Set<Integer> done = FaultSuiteIT.doneFrames(end);
        int lost = 0;
        boolean cancelled = end.get("state").asText().equals("cancelled");
        for (int f = 1; f <= FaultSuiteIT.FRAMES; f++) {
            boolean expected = cancelled ? mustBeDone.contains(f) || done.contains(f) : true;
            if (!expected) continue;
            Path file = out.resolve(String.format("%04d.png", f));
            int status = w.download(observer, "/api/v1/jobs/" + id + "/frames/" + f, file);
            byte[] head = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            boolean png = head.length > 8 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
            if (status != 200 || !png || !done.contains(f)) lost++;
        }
        return lost;
    }
}
