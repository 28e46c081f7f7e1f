package io.rendermesh.node.render.builtin;

import io.rendermesh.node.render.RenderControl;
import io.rendermesh.node.render.builtin.math.Rng;
import io.rendermesh.node.render.builtin.math.Vec3;
import io.rendermesh.node.render.builtin.scene.Scene;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Renders a frame pass by pass: each pass adds one sample per pixel over the whole image, in
 * tiles spread over the slot's cores, and hands the accumulated image over as a sample. Stops
 * at the sample target (which the user may change), on accept, or on cancel (checked per tile).
 */
final class ProgressiveRender {
    static final int TILE = 32;

    private final Scene scene;
    private final int width;
    private final int height;
    private final long seed;
    private final double[] accum;
    /** The pass being traced: it joins {@code accum} only once whole, so a stop mid-pass leaves whole passes. */
    private final double[] current;
    /** The index of the first pass this render traces. */
    private final int firstPass;
    /** How many passes {@code accum} held before this render: {@code firstPass} when carrying on, 0 for a part of a split frame. */
    private final int inherited;

    /** @param resume the passes done elsewhere on this frame (same seed), or null */
    ProgressiveRender(Scene scene, int width, int height, long seed, io.rendermesh.node.render.PassCheckpoint resume) {
        this.scene = scene;
        this.width = width;
        this.height = height;
        this.seed = seed;
        boolean fits = resume != null && resume.width() == width && resume.height() == height;
        this.accum = fits ? resume.accum().clone() : new double[width * height * 3];
        this.firstPass = fits ? resume.passes() : 0;
        this.inherited = firstPass;
        this.current = new double[width * height * 3];
    }

    /**
     * One part of a frame split by samples: passes from {@code firstPass} on, summed on their own
     * (the parts' sums add up to the whole frame's, as the random numbers depend on pixel and pass only).
     */
    ProgressiveRender(Scene scene, int width, int height, long seed, int firstPass) {
        this.scene = scene;
        this.width = width;
        this.height = height;
        this.seed = seed;
        this.accum = new double[width * height * 3];
        this.firstPass = firstPass;
        this.inherited = 0;
        this.current = new double[width * height * 3];
    }

    /** The passes summed so far, for a frame split by samples: its part's result. */
    io.rendermesh.node.render.PassCheckpoint sums(int pass) {
        return new io.rendermesh.node.render.PassCheckpoint(Math.max(1, pass - firstPass + inherited), width, height, accum.clone());
    }

    /**
     * Returns the number of passes done; throws InterruptedException when cancelled, after handing
     * the whole passes so far to {@link RenderControl#checkpoint}.
     */
    int run(RenderControl control, int threads) throws InterruptedException {
        int poolThreads = Math.max(1, threads);
        ExecutorService pool = Executors.newFixedThreadPool(poolThreads, r -> {
            Thread t = new Thread(r, "tracer");
            t.setDaemon(true);
            return t;
        });
        int pass = firstPass;
        try {
            while (pass < Math.max(1, control.targetSamples())) {
                if (control.cancelled()) throw new InterruptedException("cancelled");
                int p = pass;
                int across = (width + TILE - 1) / TILE;
                List<Callable<Void>> tiles = inTurn(poolThreads, across * ((height + TILE - 1) / TILE), t -> {
                    if (!control.cancelled()) tile(t % across * TILE, t / across * TILE, p);
                });
                finish(pool, tiles);
                if (control.cancelled()) throw new InterruptedException("cancelled");
                // the pass joins the sum and the sample is developed in bands on every core, not on this one thread
                BufferedImage sample = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                int[] rgb = Develop.pixels(sample);
                int developed = p + 1 - firstPass + inherited;
                List<Callable<Void>> bands = inTurn(poolThreads, (height + TILE - 1) / TILE, band -> {
                    int y0 = band * TILE;
                    int y1 = Math.min(height, y0 + TILE);
                    for (int i = y0 * width * 3; i < y1 * width * 3; i++) accum[i] += current[i];
                    Develop.rows(accum, developed, width, rgb, y0, y1);
                });
                joinWhole(pool, bands);
                pass++;
                control.sample(pass, Math.max(pass, control.targetSamples()), sample);
                if (control.acceptRequested()) break;
            }
            return pass;
        } catch (InterruptedException e) {
            if (pass > 0 && inherited == firstPass) {
                control.checkpoint(new io.rendermesh.node.render.PassCheckpoint(pass, width, height, accum.clone()));
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Work items 0 to count - 1 as one task per thread, each taking the next item in turn: a task
     * queued per item would wake a parked thread per item (hundreds of futex calls a pass).
     */
    private static List<Callable<Void>> inTurn(int threads, int count, IntConsumer work) {
        AtomicInteger next = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            tasks.add(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) work.accept(i);
                return null;
            });
        }
        return tasks;
    }

    private static void finish(ExecutorService pool, List<Callable<Void>> tasks) throws InterruptedException {
        for (Future<Void> f : pool.invokeAll(tasks)) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("tracer failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Runs every task to its end even when this thread is interrupted meanwhile (then left interrupted): a pass joins the sum whole or not at all. */
    private static void joinWhole(ExecutorService pool, List<Callable<Void>> tasks) {
        List<Future<Void>> running = new ArrayList<>();
        for (Callable<Void> t : tasks) running.add(pool.submit(t));
        boolean interrupted = false;
        for (Future<Void> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("tracer failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void tile(int x0, int y0, int pass) {
        double aspectW = 1.0 / width;
        double aspectH = 1.0 / height;
        PathTracer tracer = new PathTracer(scene);
        for (int y = y0; y < Math.min(height, y0 + TILE); y++) {
            for (int x = x0; x < Math.min(width, x0 + TILE); x++) {
                int i = y * width + x;
                Rng rng = new Rng(Rng.mix(seed, (long) i * 1_000_003L + pass));
                Vec3 c = tracer.radiance(scene.camera().ray((x + rng.next()) * aspectW, (y + rng.next()) * aspectH, rng), rng);
                boolean bad = Double.isNaN(c.x()) || Double.isNaN(c.y()) || Double.isNaN(c.z());
                current[i * 3] = bad ? 0 : Math.min(c.x(), 64);
                current[i * 3 + 1] = bad ? 0 : Math.min(c.y(), 64);
                current[i * 3 + 2] = bad ? 0 : Math.min(c.z(), 64);
            }
        }
    }

    /** The mean of the {@code passes} summed so far, as users see it. */
    BufferedImage image(int passes) {
        return Develop.image(accum, passes, width, height);
    }
}
