package io.rendermesh.tray;

import java.awt.AWTException;
import java.awt.CheckboxMenuItem;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.awt.Menu;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * The node on the desktop: an icon in the system tray that shows the node's state (idle,
 * rendering how many frames, paused, in use, not connected) and a menu that steers it through its
 * HTTP API. A job submitted from this workstation that ends raises a desktop notification;
 * clicking it opens that job's page. Quit stops the node only when the tray started it.
 */
public final class TrayApp {
    static final long POLL_MILLIS = 1_000;

    private final NodeLink link;
    private final String nodeName;
    private final Runnable stopOwnNode;
    private final Consumer<String> out;
    private final JobWatch jobs;
    private final CountDownLatch quit = new CountDownLatch(1);
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tray-poll");
        t.setDaemon(true);
        return t;
    });
    private TrayIcon icon;
    private final MenuItem summary = new MenuItem("RenderMesh");
    private final MenuItem where = new MenuItem("");
    private final MenuItem pause = new MenuItem("Pause rendering here");
    private final CheckboxMenuItem away = new CheckboxMenuItem("Render only when I'm away");
    private final Menu reserve = new Menu("Reserve cores for me");
    private volatile TrayStatus status;
    private volatile String lastJobUrl;

    /**
     * @param stopOwnNode stops the node this tray started, or null when it attached to a running one
     * @param out         where the tray says what it did (its log; the tests read it)
     */
    public TrayApp(NodeLink link, String nodeName, Runnable stopOwnNode, Consumer<String> out) {
        this.link = link;
        this.nodeName = nodeName;
        this.stopOwnNode = stopOwnNode;
        this.out = out;
        this.jobs = new JobWatch(nodeName);
        this.status = TrayStatus.notConnected(nodeName);
    }

    /** Why there is no tray here, or null when there is one. */
    public static String unavailable() {
        if (GraphicsEnvironment.isHeadless()) return "no desktop here (no DISPLAY): rendermesh tray needs one; rendermesh node runs without";
        if (!SystemTray.isSupported()) return "this desktop has no system tray (no tray host is running)";
        return null;
    }

    /** Shows the icon and runs until Quit. */
    public void run() throws Exception {
        SwingUtilities.invokeAndWait(this::show);
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        quit.await();
        poller.shutdownNow();
        SwingUtilities.invokeAndWait(() -> SystemTray.getSystemTray().remove(icon));
        // off the event thread: stopping a node waits for its renders to stop and its journal to flush
        if (stopOwnNode != null) stopOwnNode.run();
    }

    private void show() {
        PopupMenu menu = new PopupMenu();
        MenuItem open = new MenuItem("Open web page");
        open.addActionListener(e -> browse(link.baseUrl() + "/"));
        pause.addActionListener(e -> act(status.paused() ? "resume" : "pause", null));
        away.addItemListener(e -> act("render-when", away.getState() ? "idle" : "always"));
        for (String v : List.of("0", "1", "half")) {
            MenuItem item = new MenuItem(v.equals("half") ? "Half of them" : v);
            item.addActionListener(e -> act("reserve-cores", v));
            reserve.add(item);
        }
        MenuItem exit = new MenuItem(stopOwnNode != null ? "Quit (stops this node)" : "Quit (the node keeps running)");
        exit.addActionListener(e -> quit());
        summary.setEnabled(false);
        where.setEnabled(false);
        // the order TrayIT walks with the keyboard (which skips the disabled lines): keep it stable
        menu.add(open);
        menu.add(pause);
        menu.add(away);
        menu.add(reserve);
        menu.add(summary);
        menu.add(where);
        menu.add(exit);
        icon = new TrayIcon(TrayIcons.of(status), status.summary(), menu);
        icon.setImageAutoSize(true);
        icon.addActionListener(e -> browse(lastJobUrl != null ? lastJobUrl : link.baseUrl() + "/"));
        try {
            SystemTray.getSystemTray().add(icon);
        } catch (AWTException e) {
            throw new IllegalStateException("the system tray refused the icon: " + e.getMessage(), e);
        }
        out.accept("tray icon shown for node " + nodeName);
    }

    private void poll() {
        TrayStatus now;
        List<JobWatch.Ended> ended = List.of();
        try {
            now = TrayStatus.of(link.get("/health"), link.get("/nodes"));
            ended = jobs.ended(link.get("/jobs"));
        } catch (IOException | RuntimeException e) {
            // an answer it cannot read counts as no answer: the next poll tries again
            now = TrayStatus.notConnected(nodeName);
        }
        TrayStatus s = now;
        List<JobWatch.Ended> tell = ended;
        SwingUtilities.invokeLater(() -> update(s, tell));
    }

    private void update(TrayStatus s, List<JobWatch.Ended> ended) {
        if (!s.equals(status)) {
            if (!s.state().equals(status.state())) out.accept("node " + nodeName + " is " + s.state());
            status = s;
            icon.setImage(TrayIcons.of(s));
            icon.setToolTip(s.summary());
            summary.setLabel(s.summary());
            where.setLabel("Site " + s.site() + ", " + s.meshSize() + (s.meshSize() == 1 ? " node" : " nodes") + " in the mesh");
            pause.setLabel(s.paused() ? "Resume rendering here" : "Pause rendering here");
            away.setState(s.renderWhen().equals("idle"));
        }
        for (JobWatch.Ended j : ended) {
            lastJobUrl = link.baseUrl() + "/#/jobs/" + j.id();
            icon.displayMessage("RenderMesh", j.message(), j.state().equals("done") ? TrayIcon.MessageType.INFO : TrayIcon.MessageType.WARNING);
            out.accept("notified: " + j.message());
        }
    }

    private void act(String action, String value) {
        poller.execute(() -> {
            try {
                link.controlNode(nodeName, action, value);
                out.accept("menu: " + action + (value != null ? " " + value : ""));
            } catch (IOException e) {
                out.accept("menu: " + action + " failed: " + e.getMessage());
            }
            poll();
        });
    }

    private void browse(String url) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
            } else {
                new ProcessBuilder("xdg-open", url).start();
            }
            out.accept("opened " + url);
        } catch (IOException | RuntimeException e) {
            out.accept("cannot open " + url + ": " + e.getMessage());
        }
    }

    private void quit() {
        out.accept("quit" + (stopOwnNode != null ? ": stopping node " + nodeName : ""));
        quit.countDown();
    }
}
