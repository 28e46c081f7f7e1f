package io.rendermesh.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rendermesh.cli.NodeLauncher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tray app on a virtual X display with a real tray host (Xvfb and trayer): `rendermesh tray`
 * starts a node of its own that joins a `rendermesh node` process; its icon docks in the tray, its
 * menu (opened with a right click, walked with the keyboard) pauses and resumes the node as the
 * other node sees it, a job submitted from it raises a notification, and Quit stops its node.
 * A screenshot of the open menu lands in tray-app/target/screenshots/.
 */
@Tag("e2e")
class TrayIT {
    private static final Pattern GEOMETRY = Pattern.compile("JavaEmbeddedFrame.*?\\s(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");
    private final List<Process> desktop = new ArrayList<>();
    private final List<String> trayOut = new CopyOnWriteArrayList<>();
    private NodeProcess server;
    private Process tray;
    private String display;
    private Path dir;

    @BeforeEach
    void startDesktop() throws Exception {
        dir = Files.createDirectories(Path.of("target", "e2e", "tray-" + System.nanoTime())).toAbsolutePath();
        display = ":" + (90 + (int) (ProcessHandle.current().pid() % 100));
        desktop.add(new ProcessBuilder("Xvfb", display, "-screen", "0", "800x600x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start());
        await().atMost(Duration.ofSeconds(10)).until(() -> x("xdpyinfo").exitValue() == 0);
        ProcessBuilder trayer = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "200",
                "--height", "32").redirectErrorStream(true).redirectOutput(dir.resolve("trayer.log").toFile());
        trayer.environment().put("DISPLAY", display);
        desktop.add(trayer.start());
        await().atMost(Duration.ofSeconds(10)).until(() -> windows().contains("\"panel\""));
    }

    @AfterEach
    void stop() throws Exception {
        if (tray != null) tray.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (server != null) server.close();
        for (Process p : desktop) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private Process x(String... cmd) throws Exception {
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("DISPLAY", display);
        Process p = b.start();
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return p;
    }

    private String windows() throws Exception {
        ProcessBuilder b = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true);
        b.environment().put("DISPLAY", display);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** Opens the tray icon's menu and activates its {@code item}-th entry (1-based) with the keyboard. */
    private void menu(int item, Path screenshot) throws Exception {
        Matcher m = GEOMETRY.matcher(windows());
        assertTrue(m.find(), "the icon's window");
        int x = Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(1)) / 2;
        int y = Integer.parseInt(m.group(4)) + Integer.parseInt(m.group(2)) / 2;
        x("xdotool", "mousemove", Integer.toString(x), Integer.toString(y), "click", "3");
        await().atMost(Duration.ofSeconds(5)).until(() -> windows().contains("XPopupMenuPeer"));
        if (screenshot != null) {
            Files.createDirectories(screenshot.getParent());
            x("import", "-window", "root", screenshot.toString());
        }
        List<String> keys = new ArrayList<>(List.of("xdotool", "key"));
        for (int i = 0; i < item; i++) keys.add("Down");
        keys.add("Return");
        x(keys.toArray(String[]::new));
    }

    private static String stateOf(String url, String node) throws Exception {
        for (JsonNode n : Http.getJson(url + "/api/v1/nodes")) if (n.get("name").asText().equals(node)) return n.get("state").asText();
        return null;
    }

    @Test
    void theTrayShowsItsNodeStepsItAndTellsWhenAJobEnds() throws Exception {
        List<Integer> ports = new ArrayList<>();
        int serverPort = NodeLauncher.freeMeshPort(ports);
        ports.add(serverPort);
        int deskPort = NodeLauncher.freeMeshPort(ports);
        server = NodeProcess.start("server", dir.resolve("server"), serverPort, List.of(serverPort, deskPort));
        String serverUrl = server.webUrl();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                NodeProcess.jar().toString(), "tray", "--local", "--name", "desk1", "--data-dir", dir.resolve("desk1").toString(),
                "--mesh-port", Integer.toString(deskPort), "--seeds", "127.0.0.1:" + serverPort + ",127.0.0.1:" + deskPort,
                "--web-port", "0", "--slots", "1"));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("DISPLAY", display);
        tray = b.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(tray.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) trayOut.add(line);
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> trayOut.contains("tray: tray icon shown for node desk1"));
        String windows = windows();
        assertTrue(windows.indexOf("JavaEmbeddedFrame") > windows.indexOf("\"panel\""), "the icon docks inside trayer's panel");
        String deskUrl = trayOut.stream().map(l -> Pattern.compile("ready web=(\\S+)").matcher(l)).filter(Matcher::find)
                .map(mm -> mm.group(1)).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> "idle".equals(stateOf(serverUrl, "desk1")));

        // Pause rendering here (the 2nd entry): the other node sees desk1 paused and places nothing there
        menu(2, Path.of("..", "tray-app", "target", "screenshots", "tray-menu.png").toAbsolutePath().normalize());
        await().atMost(Duration.ofSeconds(10)).until(() -> "paused".equals(stateOf(serverUrl, "desk1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> trayOut.contains("tray: node desk1 is paused"));
        // Resume (the same entry, relabelled): desk1 renders again
        menu(2, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "idle".equals(stateOf(serverUrl, "desk1")));
        String id = Cli.run(60, "submit", "none", "--renderer", "synthetic", "--param", "frameMillis=400", "--frames", "1-6",
                "--node", deskUrl).firstLine();
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.getJson(deskUrl + "/api/v1/jobs/" + id).get("state").asText().equals("done"));
        assertTrue(Http.getJson(deskUrl + "/api/v1/jobs/" + id).get("frames").toString().contains("\"node\":\"desk1\""));
        // the job was submitted from this workstation: a notification says it is done
        await().atMost(Duration.ofSeconds(10)).until(() -> trayOut.stream().anyMatch(l -> l.startsWith("tray: notified: Job") && l.contains("done")));
        x("import", "-window", "root", Path.of("..", "tray-app", "target", "screenshots", "tray-notification.png").toAbsolutePath()
                .normalize().toString());

        // Quit (the last entry) stops the node the tray started
        menu(5, null); // the keyboard skips the two disabled lines
        assertTrue(tray.waitFor(30, TimeUnit.SECONDS), "the tray exits");
        assertEquals(0, tray.exitValue());
        assertTrue(trayOut.contains("tray: quit: stopping node desk1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(serverUrl, "desk1") == null);
    }

    @Test
    void withoutATrayHostItSaysSoAndExitsNonZero() throws Exception {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                NodeProcess.jar().toString(), "tray", "--local", "--data-dir", dir.resolve("none").toString()).redirectErrorStream(true);
        b.environment().remove("DISPLAY");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), out);
        assertTrue(out.strip().startsWith("rendermesh tray: no desktop here"), out);
        assertEquals(1, out.strip().lines().count(), "one line: " + out);
    }
}
