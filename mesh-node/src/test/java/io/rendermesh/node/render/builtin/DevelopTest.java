package io.rendermesh.node.render.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DevelopTest {
    /** The table lookup gives the level the formula gives, from black to far past white. */
    @Test
    void encodesEveryValueAsTheToneCurveAndSrgbFormulaDo() {
        int checked = 0;
        for (double linear = 1e-6; linear < 100; linear *= 1.0007) {
            assertEquals(formula(linear), Develop.encode(linear), "linear " + linear);
            checked++;
        }
        assertEquals(0, Develop.encode(0));
        assertEquals(formula(-1), Develop.encode(-1));
        assertEquals(0, Develop.encode(Double.NaN));
        assertEquals(255, Develop.encode(1e9));
        assertEquals(true, checked > 20_000);
    }

    private static int formula(double linear) {
        double v = linear * 0.8;
        double mapped = Math.max(0, Math.min(1, (v * (2.51 * v + 0.03)) / (v * (2.43 * v + 0.59) + 0.14)));
        double srgb = mapped <= 0.0031308 ? 12.92 * mapped : 1.055 * Math.pow(mapped, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.max(0, Math.min(1, srgb)) * 255);
    }
}
