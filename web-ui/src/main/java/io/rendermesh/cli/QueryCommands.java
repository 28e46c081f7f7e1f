package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that read or steer a running mesh: status, jobs, job, control, cancel. */
final class QueryCommands {
    private QueryCommands() {
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the mesh's nodes.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "SITE", "RENDERERS", "CORES", "MEMORY", "SLOTS", "STATE", "SPEED"});
            for (JsonNode n : connection.client().get("/nodes")) {
                List<String> r = new ArrayList<>();
                n.get("renderers").forEach(x -> r.add(x.get("package").asText() + " " + x.get("version").asText()
                        + (x.path("unconfined").asBoolean() ? " (unsandboxed)" : "")));
                rows.add(new String[] {n.get("name").asText(), n.get("site").asText(), String.join(", ", r),
                        n.get("cores").asText(), n.get("memoryMb").asLong() / 1024 + " GB",
                        n.get("busySlots").asInt() + "/" + n.get("slots").asInt(), n.get("state").asText(), n.get("speed").asText()});
            }
            Table.print(rows);
            JsonNode sites = connection.client().get("/sites");
            if (sites.size() > 1) {
                System.out.println();
                List<String[]> siteRows = new ArrayList<>();
                siteRows.add(new String[] {"SITE", "STATE", "GATEWAY", "NODES", "SLOTS FREE/TOTAL"});
                for (JsonNode s : sites) {
                    siteRows.add(new String[] {s.get("name").asText(), s.get("state").asText(), s.path("gateway").asText("-"),
                            s.get("nodes").asText(), s.get("freeSlots").asInt() + "/" + s.get("slots").asInt()});
                }
                Table.print(siteRows);
            }
            JsonNode joins = connection.client().get("/join-requests");
            if (joins.size() > 0) {
                System.out.println();
                System.out.println("Wants to join (approve with 'rendermesh approve NAME' after checking the fingerprint on its screen):");
                List<String[]> waiting = new ArrayList<>();
                waiting.add(new String[] {"NAME", "ADDRESS", "FINGERPRINT"});
                for (JsonNode j : joins) {
                    waiting.add(new String[] {j.get("name").asText(), j.get("address").asText(), j.get("fingerprint").asText()});
                }
                Table.print(waiting);
            }
            return 0;
        }
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "List jobs and their progress.")
    static final class Jobs implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "NAME", "STATE", "DONE", "PRIORITY", "COORDINATOR", "SUBMITTED BY"});
            for (JsonNode j : connection.client().get("/jobs")) {
                rows.add(new String[] {j.get("id").asText(), j.get("name").asText(), j.get("state").asText(),
                        j.get("framesDone").asInt() + "/" + j.get("framesTotal").asInt(), j.get("priority").asText(),
                        j.get("coordinator").asText(), j.get("submittedBy").asText()});
            }
            Table.print(rows);
            return 0;
        }
    }

    @Command(name = "job", mixinStandardHelpOptions = true, description = "Show one job frame by frame.")
    static final class Job implements Callable<Integer> {
        @Parameters(index = "0", description = "job id")
        String id;
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            JsonNode j = connection.client().get("/jobs/" + id);
            System.out.printf("job %s \"%s\": %s, %d/%d frames done, priority %d, coordinator %s%n", j.get("id").asText(),
                    j.get("name").asText(), j.get("state").asText(), j.get("framesDone").asInt(), j.get("framesTotal").asInt(),
                    j.get("priority").asInt(), j.get("coordinator").asText());
            if (j.hasNonNull("pendingReason")) System.out.println("waiting: " + j.get("pendingReason").asText());
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"FRAME", "STATE", "NODE", "ATTEMPTS", "SAMPLES", "NOTE"});
            for (JsonNode f : j.get("frames")) {
                String note = f.get("accepted").asBoolean() ? "accepted as is" : f.hasNonNull("error") ? f.get("error").asText() : "";
                rows.add(new String[] {f.get("frame").asText(), f.get("state").asText(), f.path("node").asText(""),
                        f.get("attempts").asText(), f.get("samplesDone").asInt() + "/" + f.get("samplesTotal").asInt(), note});
            }
            Table.print(rows);
            return 0;
        }
    }

    @Command(name = "control", mixinStandardHelpOptions = true,
            description = "Steer a job: pause, resume, cancel, priority, set-samples, accept-frame, rerender-frame.")
    static final class Control implements Callable<Integer> {
        @Parameters(index = "0", description = "job id")
        String id;
        @Parameters(index = "1", description = "action")
        String action;
        @Option(names = "--frame", description = "frame number (accept-frame, rerender-frame)")
        Integer frame;
        @Option(names = "--value", description = "value (priority, set-samples)")
        Integer value;
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("action", action);
            if (frame != null) body.put("frame", frame);
            if (value != null) body.put("value", value);
            connection.client().post("/jobs/" + id + "/control", body);
            System.out.println(action + " accepted for job " + id);
            return 0;
        }
    }

    @Command(name = "node-control", mixinStandardHelpOptions = true,
            description = "Steer one node's desk: pause, resume, render-when always|idle, or reserve-cores 0|1|half.")
    static final class NodeControl implements Callable<Integer> {
        @Parameters(index = "0", description = "node name")
        String name;
        @Parameters(index = "1", description = "pause, resume, render-when or reserve-cores")
        String action;
        @Parameters(index = "2", arity = "0..1", description = "render-when: always or idle; reserve-cores: 0, 1 or half")
        String value;
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("action", action);
            if (value != null) body.put("value", value);
            connection.client().post("/nodes/" + name + "/control", body);
            System.out.println(action + (value != null ? " " + value : "") + " accepted for node " + name);
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a finished or cancelled job on every node: its record, frames and the files no other job uses.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", description = "job id")
        String id;
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            connection.client().delete("/jobs/" + id);
            System.out.println("job " + id + " deleted");
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job (same as: control ID cancel).")
    static final class Cancel implements Callable<Integer> {
        @Parameters(index = "0", description = "job id")
        String id;
        @Mixin
        ConnectionOptions connection;

        @Override
        public Integer call() {
            connection.client().post("/jobs/" + id + "/control", Map.of("action", "cancel"));
            System.out.println("job " + id + " cancelled");
            return 0;
        }
    }
}
