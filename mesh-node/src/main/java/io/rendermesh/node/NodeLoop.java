package io.rendermesh.node;

import io.rendermesh.node.api.NodeApi;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one thread for job-table, coordinator and worker state. Other threads hand it work;
 * periodic work keeps running whatever one run throws (a scheduled task that throws is never run
 * again by the executor, which would silently stop leases and timeouts).
 */
public final class NodeLoop {
    private static final Logger log = LoggerFactory.getLogger(NodeLoop.class);
    static final long CALL_TIMEOUT_SECONDS = 10;
    static final long FAILURE_LOG_INTERVAL_MILLIS = 60_000;

    private final String self;
    private final ScheduledExecutorService executor;

    NodeLoop(String self, ScheduledExecutorService executor) {
        this.self = self;
        this.executor = executor;
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    /** Runs {@code task} once, {@code millis} from now. */
    void later(long millis, String name, Runnable task) {
        executor.schedule(guarded(self, name, task), millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} every {@code millis}; an exception is logged (at most once a minute per task) and the next run happens. */
    void every(long millis, String name, Runnable task) {
        executor.scheduleWithFixedDelay(guarded(self, name, task), millis, millis, TimeUnit.MILLISECONDS);
    }

    static Runnable guarded(String self, String name, Runnable task) {
        long[] lastLogged = {Long.MIN_VALUE};
        long[] failures = {0};
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError vm && !(vm instanceof OutOfMemoryError)) throw vm;
                failures[0]++;
                long now = System.currentTimeMillis();
                if (now - lastLogged[0] >= FAILURE_LOG_INTERVAL_MILLIS) {
                    lastLogged[0] = now;
                    log.error("node {}: {} failed ({} time(s) so far); it keeps running", self, name, failures[0], e);
                }
            }
        };
    }

    /** Runs {@code task} on the loop and waits for its answer. */
    <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeApi.UnavailableException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new NodeApi.UnavailableException("node " + self + " is overloaded: its loop did not answer in " + CALL_TIMEOUT_SECONDS + " s");
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new NodeApi.UnavailableException("node " + self + " is shutting down");
        }
    }
}
