package io.rendermesh.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.rendermesh.node.api.ControlOutcome;
import io.rendermesh.node.api.NodeApi;
import io.rendermesh.protocol.model.InvalidInputException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exceptions to statuses, by type: client mistakes are 4xx with a JSON {@code error}, and only a
 * fault of the node itself is 5xx (and logged).
 */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(InvalidInputException.class, (e, ctx) -> HttpApi.error(ctx, 400, e.getMessage()));
        routes.exception(JsonProcessingException.class, (e, ctx) -> HttpApi.error(ctx, 400, "request is not valid JSON: " + e.getOriginalMessage()));
        routes.exception(NodeApi.NotFoundException.class, (e, ctx) -> HttpApi.error(ctx, 404, e.getMessage()));
        routes.exception(NodeApi.UploadTooLargeException.class, (e, ctx) -> HttpApi.error(ctx, 413, e.getMessage()));
        routes.exception(NodeApi.ConflictException.class, (e, ctx) -> HttpApi.error(ctx, 409, e.getMessage()));
        routes.exception(NodeApi.UnavailableException.class, (e, ctx) -> HttpApi.error(ctx, 503, e.getMessage()));
        routes.exception(NodeApi.LimitReachedException.class, (e, ctx) -> HttpApi.error(ctx, 429, e.getMessage()));
        routes.exception(HttpApi.Unauthorized.class, (e, ctx) -> HttpApi.error(ctx, 401, e.getMessage()));
        routes.exception(Refused.class, (e, ctx) -> HttpApi.error(ctx, e.status, e.getMessage()));
        // Jetty parses the charset of Content-Type lazily, on the first look at the type
        routes.exception(java.nio.charset.IllegalCharsetNameException.class, (e, ctx) -> HttpApi.error(ctx, 415,
                "unsupported charset '" + e.getCharsetName() + "' in Content-Type: send UTF-8"));
        routes.exception(java.nio.charset.UnsupportedCharsetException.class, (e, ctx) -> HttpApi.error(ctx, 415,
                "unsupported charset '" + e.getCharsetName() + "' in Content-Type: send UTF-8"));
        // Javalin's own, e.g. 413 for a JSON body over the request size limit
        routes.exception(HttpResponseException.class, (e, ctx) -> HttpApi.error(ctx, e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, ErrorMapping::unexpected);
    }

    /** The coordinator's decision on control input, as the HTTP status API.md promises. */
    static int statusOf(ControlOutcome.Kind kind) {
        return switch (kind) {
            case ACCEPTED -> 202;
            case BAD_INPUT -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case RETRY -> 503;
        };
    }

    /** A refusal decided before any route ran (RequestGuard, the event-stream cap). */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static void unexpected(Exception e, Context ctx) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Jetty's parse errors (BadMessageException and kin) carry the status they mean.
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                HttpApi.error(ctx, h.getCode(), "malformed request: " + (h.getReason() != null ? h.getReason() : t.getMessage()));
                return;
            }
        }
        log.warn("{} {} failed", ctx.method(), ctx.path(), e);
        String msg = e.getMessage() != null ? e.getMessage() : e.toString();
        HttpApi.error(ctx, e instanceof IllegalStateException ? 503 : 500, msg);
    }
}
