package io.rendermesh.web;

import io.rendermesh.node.api.NodeApi;
import io.rendermesh.protocol.model.InvalidInputException;
import org.eclipse.jetty.http.HttpException;

/**
 * Whatever goes wrong while Jetty reads a multipart body is the sender's doing: a truncated or
 * malformed body (400) or one over the size limits (413), never a fault of the node.
 */
final class MultipartFailure {
    private MultipartFailure() {
    }

    static RuntimeException of(RuntimeException e, long maxUploadBytes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getCode() == 413) return tooLarge(maxUploadBytes);
            // Jetty 12's MultiPart parser signals its size limits only as IllegalStateException("max ... exceeded")
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("exceeded")) return tooLarge(maxUploadBytes);
        }
        return new InvalidInputException("malformed multipart/form-data body: " + rootMessage(e));
    }

    private static RuntimeException tooLarge(long maxUploadBytes) {
        return new NodeApi.UploadTooLargeException("upload exceeds this node's limit of " + maxUploadBytes + " bytes");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
