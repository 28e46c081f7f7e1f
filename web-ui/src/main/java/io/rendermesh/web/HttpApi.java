package io.rendermesh.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.node.api.NodeApi.ControlCommand;
import io.rendermesh.protocol.model.InvalidInputException;
import io.rendermesh.protocol.model.JobProfileJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The node's HTTP API (API.md, prefix /api/v1) and its web page. Bad input answers 4xx with a JSON
 * {@code error}; nothing a client sends can take the node down.
 */
public final class HttpApi implements AutoCloseable {
    static final String PREFIX = "/api/v1";
    private static final String SLOT = "rendermesh.streamSlot";

    /**
     * @param token required as {@code Authorization: Bearer T} or the session cookie when non-null
     * @param webHosts extra Host names the node answers to (--web-host), besides loopback and the bind address
     * @param maxEventStreams open event streams allowed at once; more get 429
     */
    public record Options(String bind, int port, String token, long maxUploadBytes, List<String> webHosts, int maxEventStreams) {
        public static final int DEFAULT_MAX_EVENT_STREAMS = 64;

        public Options {
            webHosts = List.copyOf(webHosts);
            if (maxEventStreams < 1) throw new IllegalArgumentException("maxEventStreams (--max-event-streams) must be at least 1");
        }

        public Options(String bind, int port, String token, long maxUploadBytes) {
            this(bind, port, token, maxUploadBytes, List.of(), DEFAULT_MAX_EVENT_STREAMS);
        }
    }

    private final NodeApi node;
    private final Options options;
    private final ObjectMapper json = JobProfileJson.mapper();
    private final ExecutorService sseWriters = Executors.newCachedThreadPool(daemon("sse"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("sse-timer"));
    private final StreamSlots streamSlots;
    private Javalin app;
    /** Both need the bound port, known only once the server runs; requests before that wait on start. */
    private volatile RequestGuard guard;
    private volatile WebToken webToken;

    public HttpApi(NodeApi node, Options options) {
        this.node = node;
        this.options = options;
        this.streamSlots = new StreamSlots(options.maxEventStreams());
        try {
            node.metrics().gauge("rendermesh_event_streams", "event streams (SSE) open on this node", streamSlots::open);
        } catch (UnsupportedOperationException e) {
            // a stand-in node without metrics (tests of the HTTP layer alone)
        }
    }

    /** Starts the server; returns its base URL, e.g. http://127.0.0.1:8080. */
    public String start() {
        JobRoutes jobs = new JobRoutes(node, json, options.maxUploadBytes());
        FrameRoutes frames = new FrameRoutes(node);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 1024 * 1024;
            cfg.jetty.multipartConfig.maxFileSize(options.maxUploadBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(options.maxUploadBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.staticFiles.add("/web", Location.CLASSPATH, java.util.Set.of());
            cfg.routes.before(this::guard);
            cfg.routes.before(PREFIX + "/*", ctx -> {
                if (!ctx.path().equals(PREFIX + "/session")) webToken.check(ctx);
            });
            cfg.routes.post(PREFIX + "/session", ctx -> webToken.startSession(ctx, json));
            // Prometheus scrapes outside the API prefix, with the same token (a scraper sends it as a bearer token)
            cfg.routes.before("/metrics", ctx -> webToken.check(ctx));
            cfg.routes.get("/metrics", this::metrics);
            cfg.routes.get(PREFIX + "/health", ctx -> ok(ctx, Map.of("status", "UP", "node", node.nodeName(),
                    "members", node.members(), "site", node.site(), "refusedMessages", node.rejectedMessages(),
                    "renderWhen", node.desk().renderWhen(), "reservedCores", node.desk().reservedCores())));
            cfg.routes.get(PREFIX + "/nodes", ctx -> ok(ctx, "all".equals(ctx.queryParam("site")) ? node.allNodes() : node.nodes()));
            cfg.routes.get(PREFIX + "/sites", ctx -> ok(ctx, node.sites()));
            cfg.routes.get(PREFIX + "/scenes", ctx -> ok(ctx, node.bundledScenes()));
            cfg.routes.post(PREFIX + "/jobs", jobs::create);
            cfg.routes.get(PREFIX + "/jobs", ctx -> ok(ctx, node.jobs().stream().map(JobViews::summary).toList()));
            cfg.routes.get(PREFIX + "/jobs/{id}", ctx -> ok(ctx, JobViews.detail(node.job(ctx.pathParam("id")), node.etaSeconds(ctx.pathParam("id")),
                    node.parts(ctx.pathParam("id")))));
            cfg.routes.get(PREFIX + "/jobs/{id}/frames.zip", frames::zip);
            cfg.routes.get(PREFIX + "/jobs/{id}/frames/{n}", frames::frame);
            cfg.routes.get(PREFIX + "/jobs/{id}/frames/{n}/preview", frames::preview);
            cfg.routes.before(PREFIX + "/jobs/{id}/events", this::takeStreamSlot);
            cfg.routes.sse(PREFIX + "/jobs/{id}/events", client -> new EventStream(client, json, sseWriters)
                    .start(node, client.ctx().pathParam("id"), timer, client.ctx().attribute(SLOT)));
            cfg.routes.post(PREFIX + "/jobs/{id}/control", this::control);
            cfg.routes.delete(PREFIX + "/jobs/{id}", this::deleteJob);
            cfg.routes.post(PREFIX + "/nodes/{name}/control", this::nodeControl);
            cfg.routes.get(PREFIX + "/join-requests", ctx -> ok(ctx, node.joinRequests()));
            cfg.routes.post(PREFIX + "/join-requests/{name}/approve", this::approve);
            ErrorMapping.register(cfg.routes);
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.path().startsWith(PREFIX) && (ctx.result() == null || ctx.result().isEmpty())) {
                    error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path());
                }
            });
        });
        app.start(options.bind(), options.port());
        webToken = new WebToken(options.token(), app.port(), System::nanoTime);
        guard = new RequestGuard(HostNames.of(options.bind(), options.webHosts()), app.port());
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return "http://" + host + ":" + app.port();
    }

    public int port() {
        return app.port();
    }

    private void control(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        node.job(id);
        Map<?, ?> body = controlBody(ctx, java.util.Set.of("action", "frame", "value"));
        String action = (String) body.get("action");
        ControlCommand cmd = new ControlCommand(action, intOrNull(body.get("frame"), "frame"), intOrNull(body.get("value"), "value"));
        answer(ctx, action, node.control(id, cmd));
    }

    private void deleteJob(Context ctx) {
        String id = ctx.pathParam("id");
        var r = node.deleteJob(id);
        if (r.isAccepted()) ok(ctx, Map.of("deleted", id));
        else error(ctx, ErrorMapping.statusOf(r.kind()), r.error());
    }

    private void metrics(Context ctx) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        node.metrics().write(out);
        ctx.contentType(io.rendermesh.node.metrics.NodeMetrics.contentType()).header("Cache-Control", "no-store").result(out.toByteArray());
    }

    /** Body {@code {"action":"pause"|"resume"}} or {@code {"action":"render-when","value":"idle"|"always"}}. */
    private void nodeControl(Context ctx) throws Exception {
        String name = ctx.pathParam("name");
        Map<?, ?> body = controlBody(ctx, java.util.Set.of("action", "value"));
        String action = (String) body.get("action");
        Object value = body.get("value");
        if (value != null && !(value instanceof String)) throw new InvalidInputException("value must be a string, like \"idle\"");
        answer(ctx, action, node.controlNode(name, action, (String) value));
    }

    private Map<?, ?> controlBody(Context ctx, java.util.Set<String> fields) {
        Map<?, ?> body;
        try {
            body = json.readValue(ctx.bodyAsBytes(), Map.class);
        } catch (Exception e) {
            body = null;
        }
        if (body == null) throw new InvalidInputException("control body must be a JSON object like {\"action\":\"pause\"}");
        for (Object key : body.keySet()) {
            if (!fields.contains(key)) throw new InvalidInputException("unknown field '" + key + "' in control input");
        }
        if (!(body.get("action") instanceof String)) throw new InvalidInputException("action is required");
        return body;
    }

    private void answer(Context ctx, String action, java.util.concurrent.CompletableFuture<io.rendermesh.node.api.ControlOutcome> outcome) {
        ctx.future(() -> outcome.thenAccept(r -> {
            if (r.isAccepted()) {
                ctx.status(202);
                ok(ctx, Map.of("accepted", true, "action", action));
            } else {
                error(ctx, ErrorMapping.statusOf(r.kind()), r.error());
            }
        }));
    }

    /** Body {@code {"fingerprint": F}}: the fingerprint the person checked (optional when only one machine asks under the name). */
    private void approve(Context ctx) throws Exception {
        Map<?, ?> body = ctx.bodyAsBytes().length == 0 ? Map.of() : json.readValue(ctx.bodyAsBytes(), Map.class);
        if (body == null) body = Map.of();
        for (Object key : body.keySet()) {
            if (!"fingerprint".equals(key)) throw new InvalidInputException("unknown field '" + key + "' in approval");
        }
        Object fp = body.get("fingerprint");
        if (fp != null && !(fp instanceof String)) throw new InvalidInputException("fingerprint must be a string");
        String name = node.approve(ctx.pathParam("name"), (String) fp);
        ctx.status(202);
        ok(ctx, Map.of("approved", name));
    }

    static Integer intOrNull(Object v, String field) {
        if (v == null) return null;
        if (v instanceof Integer i) return i;
        throw new InvalidInputException(field + " must be a whole number");
    }

    private void guard(Context ctx) {
        RequestGuard g = guard;
        if (g == null) throw new ErrorMapping.Refused(503, "the web server is starting");
        boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        RequestGuard.Refusal refusal = g.check(new RequestGuard.Request(ctx.method().name(), ctx.path(), ctx.scheme(),
                ctx.header("Host"), ctx.header("Origin"), ctx.header("Sec-Fetch-Site"), ctx.header("Content-Type"), hasBody));
        if (refusal != null) throw new ErrorMapping.Refused(refusal.status(), refusal.message());
    }

    /**
     * Runs after the job is known to exist and only for requests Javalin will stream (it streams
     * only to {@code Accept: text/event-stream}), so every slot taken reaches a stream that frees it.
     */
    private void takeStreamSlot(Context ctx) {
        node.job(ctx.pathParam("id"));
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) return;
        StreamSlots.Slot slot = streamSlots.tryAcquire();
        if (slot == null) {
            throw new ErrorMapping.Refused(429, "too many event streams open on this node (limit " + streamSlots.max()
                    + ", --max-event-streams): close other pages of this node or try again later");
        }
        ctx.attribute(SLOT, slot);
    }

    void ok(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message == null ? "error" : message);
        try {
            ctx.status(status).contentType("application/json").result(JobProfileJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(status).result("{\"error\":\"error\"}");
        }
    }

    static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super("missing or wrong token: send Authorization: Bearer <token>, or open the page once as /?token=<token>");
        }
    }

    @Override
    public void close() {
        if (app != null) app.stop();
        sseWriters.shutdownNow();
        timer.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
