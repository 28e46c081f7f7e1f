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
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API (API.md, prefix /api/v1) and its web page. Bad input answers 4xx with a JSON
 * {@code error}; nothing a client sends can take the node down.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    static final String PREFIX = "/api/v1";

    /** @param token required as {@code Authorization: Bearer T} (or {@code ?token=T}) when non-null */
    public record Options(String bind, int port, String token, long maxUploadBytes) {
    }

    private final NodeApi node;
    private final Options options;
    private final ObjectMapper json = JobProfileJson.mapper();
    private final ExecutorService sseWriters = Executors.newCachedThreadPool(daemon("sse"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("sse-timer"));
    private Javalin app;

    public HttpApi(NodeApi node, Options options) {
        this.node = node;
        this.options = options;
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
            cfg.routes.before(PREFIX + "/*", this::checkToken);
            cfg.routes.get(PREFIX + "/health", ctx -> ok(ctx, Map.of("status", "UP", "node", node.nodeName(),
                    "members", node.members(), "site", node.site())));
            cfg.routes.get(PREFIX + "/nodes", ctx -> ok(ctx, node.nodes()));
            cfg.routes.get(PREFIX + "/scenes", ctx -> ok(ctx, node.bundledScenes()));
            cfg.routes.post(PREFIX + "/jobs", jobs::create);
            cfg.routes.get(PREFIX + "/jobs", ctx -> ok(ctx, node.jobs().stream().map(JobViews::summary).toList()));
            cfg.routes.get(PREFIX + "/jobs/{id}", ctx -> ok(ctx, JobViews.detail(node.job(ctx.pathParam("id")))));
            cfg.routes.get(PREFIX + "/jobs/{id}/frames.zip", frames::zip);
            cfg.routes.get(PREFIX + "/jobs/{id}/frames/{n}", frames::frame);
            cfg.routes.get(PREFIX + "/jobs/{id}/frames/{n}/preview", frames::preview);
            cfg.routes.before(PREFIX + "/jobs/{id}/events", ctx -> node.job(ctx.pathParam("id")));
            cfg.routes.sse(PREFIX + "/jobs/{id}/events", client ->
                    new EventStream(client, json, sseWriters).start(node, client.ctx().pathParam("id"), timer));
            cfg.routes.post(PREFIX + "/jobs/{id}/control", this::control);
            cfg.routes.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400, "request is not valid JSON: " + e.getOriginalMessage()));
            cfg.routes.exception(NodeApi.NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            cfg.routes.exception(NodeApi.UploadTooLargeException.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
            cfg.routes.exception(Unauthorized.class, (e, ctx) -> error(ctx, 401, e.getMessage()));
            cfg.routes.exception(Exception.class, this::unexpected);
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.path().startsWith(PREFIX) && (ctx.result() == null || ctx.result().isEmpty())) {
                    error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path());
                }
            });
        });
        app.start(options.bind(), options.port());
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return "http://" + host + ":" + app.port();
    }

    public int port() {
        return app.port();
    }

    private void control(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        node.job(id);
        Map<?, ?> body;
        try {
            body = json.readValue(ctx.bodyAsBytes(), Map.class);
        } catch (Exception e) {
            throw new InvalidInputException("control body must be a JSON object like {\"action\":\"pause\"}");
        }
        if (body == null) throw new InvalidInputException("control body must be a JSON object like {\"action\":\"pause\"}");
        for (Object key : body.keySet()) {
            if (!java.util.Set.of("action", "frame", "value").contains(key)) {
                throw new InvalidInputException("unknown field '" + key + "' in control input");
            }
        }
        if (!(body.get("action") instanceof String action)) throw new InvalidInputException("action is required");
        ControlCommand cmd = new ControlCommand(action, intOrNull(body.get("frame"), "frame"), intOrNull(body.get("value"), "value"));
        ctx.future(() -> node.control(id, cmd).thenAccept(r -> {
            if (r.status() == 202) {
                ctx.status(202);
                ok(ctx, Map.of("accepted", true, "action", action));
            } else {
                error(ctx, r.status(), r.error());
            }
        }));
    }

    static Integer intOrNull(Object v, String field) {
        if (v == null) return null;
        if (v instanceof Integer i) return i;
        throw new InvalidInputException(field + " must be a whole number");
    }

    private void checkToken(Context ctx) {
        if (options.token() == null) return;
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : ctx.queryParam("token");
        if (given == null || !java.security.MessageDigest.isEqual(given.getBytes(), options.token().getBytes())) {
            throw new Unauthorized();
        }
    }

    private void unexpected(Exception e, Context ctx) {
        String msg = e.getMessage() != null ? e.getMessage() : e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase();
            if (m.contains("exceeds") || m.contains("too large") || m.contains("max file size") || m.contains("max request size")) {
                error(ctx, 413, "upload too large: " + t.getMessage());
                return;
            }
            if (t.getClass().getSimpleName().equals("BadMessageException")) {
                error(ctx, 400, "malformed request: " + t.getMessage());
                return;
            }
        }
        log.warn("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, e instanceof IllegalStateException ? 503 : 500, msg);
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
            super("missing or wrong token: send Authorization: Bearer <token>");
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
