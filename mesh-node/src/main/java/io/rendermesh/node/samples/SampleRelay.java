package io.rendermesh.node.samples;

import io.rendermesh.node.worker.SampleSink;
import io.rendermesh.protocol.message.MeshMessage.Sample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes samples from running frames and sends them on from one background thread. A renderer only
 * replaces the frame's pending sample (it never waits); when the sender falls behind, older
 * samples of a frame are skipped and only the latest is encoded and sent.
 */
public final class SampleRelay implements SampleSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SampleRelay.class);

    private record Pending(String jobId, int frame, int attempt, int pass, int passes, BufferedImage image, long at,
                           io.rendermesh.protocol.model.FramePart part) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore signal = new Semaphore(0);
    private final String self;
    private final int longestSide;
    private final Consumer<Sample> send;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param send delivers an encoded sample to its watchers (called on the relay thread) */
    public SampleRelay(String self, int longestSide, Consumer<Sample> send) {
        this.self = self;
        this.longestSide = longestSide;
        this.send = send;
        this.thread = new Thread(this::run, "sample-relay-" + self);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void offer(String jobId, int frame, int attempt, int pass, int passes, BufferedImage image,
                      io.rendermesh.protocol.model.FramePart part) {
        pending.put(jobId + "#" + frame + "#" + attempt,
                new Pending(jobId, frame, attempt, pass, passes, image, System.currentTimeMillis(), part));
        signal.release();
    }

    @Override
    public void frameEnded(String jobId, int frame, int attempt) {
        pending.remove(jobId + "#" + frame + "#" + attempt);
    }

    private void run() {
        while (running) {
            try {
                signal.acquire();
                signal.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Pending> e = it.next();
                Pending p = e.getValue();
                if (!pending.remove(e.getKey(), p)) continue;
                try {
                    byte[] jpeg = encodeJpeg(downsize(p.image, longestSide));
                    send.accept(new Sample(p.jobId, p.frame, p.attempt, self, p.pass, p.passes, "image/jpeg", jpeg, p.at, p.part));
                } catch (Exception ex) {
                    log.warn("job {} frame {}: cannot send sample: {}", p.jobId, p.frame, ex.toString());
                }
            }
        }
    }

    static BufferedImage downsize(BufferedImage src, int longest) {
        int w = src.getWidth();
        int h = src.getHeight();
        int side = Math.max(w, h);
        if (side <= longest) return src;
        double scale = longest / (double) side;
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        return io.rendermesh.node.render.process.RenderedImages.scaled(src, nw, nh);
    }

    static byte[] encodeJpeg(BufferedImage img) throws IOException {
        BufferedImage rgb = img;
        if (img.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
