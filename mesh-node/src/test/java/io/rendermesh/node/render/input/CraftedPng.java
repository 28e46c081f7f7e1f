package io.rendermesh.node.render.input;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** PNG files written byte by byte, so a test can make one that lies about its size. */
public final class CraftedPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private CraftedPng() {
    }

    /** A PNG of a few dozen bytes whose header declares {@code width}×{@code height} 8-bit RGB pixels. */
    public static byte[] declaring(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", blackPixels(width, height));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Black rows (filter byte 0, then RGB) for small sizes, so the image decodes; an empty stream for huge ones. */
    private static byte[] blackPixels(int width, int height) {
        long raw = (long) height * (1 + 3L * width);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[raw <= 1 << 20 ? (int) raw : 0]);
        deflater.finish();
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
        deflater.end();
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
