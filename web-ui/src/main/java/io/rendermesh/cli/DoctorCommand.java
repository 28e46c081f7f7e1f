package io.rendermesh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.node.Diagnosis;
import io.rendermesh.node.Diagnosis.Check;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * `rendermesh doctor`: checks this machine for a node with the node's own options (multicast, the
 * mesh and web ports, the mesh key, renderers and their versions, bubblewrap, disk space, and the
 * clock against the peers a running node knows), each failure with its fix. Exit 1 when any fails.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check this machine for a node (takes the node options) and say how to fix what is wrong.")
final class DoctorCommand extends NodeCommand {
    static final long SKEW_LIMIT_MILLIS = 5_000;

    @Override
    public Integer call() throws Exception {
        List<Check> checks = new ArrayList<>(Diagnosis.run(config()));
        checks.addAll(clockSkew(dataDirOr(dataDir)));
        boolean failed = false;
        for (Check c : checks) {
            System.out.printf("%-4s %-16s %s%n", c.ok() ? "ok" : "FAIL", c.name(), c.detail());
            if (!c.ok()) {
                System.out.printf("     %-16s fix: %s%n", "", c.fix());
                failed = true;
            }
        }
        System.out.println(failed ? "doctor: some checks failed (see the fixes above)" : "doctor: all checks passed");
        return failed ? 1 : 0;
    }

    /** Against every peer whose web server answers from here: the Date of its answer against this clock. */
    static List<Check> clockSkew(Path dir) {
        Path file = dir.resolve("node.json");
        if (!Files.isRegularFile(file)) return List.of(new Check("clock", true, "no node running here to ask for its peers", null));
        List<Check> out = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            String url = ApiClient.JSON.readTree(file.toFile()).path("webUrl").asText();
            JsonNode nodes = ApiClient.JSON.readTree(get(http, url + "/api/v1/nodes").body());
            for (JsonNode n : nodes) {
                String peer = n.path("webUrl").asText("");
                if (peer.isEmpty()) continue;
                try {
                    long before = System.currentTimeMillis();
                    HttpResponse<String> r = get(http, peer + "/api/v1/health");
                    long after = System.currentTimeMillis();
                    long theirs = ZonedDateTime.parse(r.headers().firstValue("Date").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant().toEpochMilli();
                    // the header has whole seconds: a second of skew is what it can tell
                    long skew = theirs - (before + after) / 2;
                    String name = "clock " + n.path("name").asText();
                    out.add(Math.abs(skew) <= SKEW_LIMIT_MILLIS ? new Check(name, true, "within " + Math.abs(skew) / 1000 + " s", null)
                            : new Check(name, false, "off by " + skew / 1000 + " s", "run NTP (e.g. systemd-timesyncd) on both machines"));
                } catch (Exception e) {
                    out.add(new Check("clock " + n.path("name").asText(), true, "not reachable from here (" + e.getClass().getSimpleName() + ")", null));
                }
            }
        } catch (Exception e) {
            out.add(new Check("clock", true, "the node in " + dir + " does not answer: no peers to compare with", null));
        }
        return out;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
