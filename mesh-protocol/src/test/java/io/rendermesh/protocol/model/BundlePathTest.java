package io.rendermesh.protocol.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundlePathTest {
    @Test
    void keepsASimpleRelativePath() {
        assertEquals("textures/wood.png", BundlePath.normalize("textures/wood.png"));
    }

    @Test
    void normalizesSeparatorsAndDots() {
        assertEquals("textures/wood.png", BundlePath.normalize("./textures//wood.png"));
        assertEquals("textures/wood.png", BundlePath.normalize("textures\\wood.png"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "\\\\server\\share", "C:/x.png", "c:x", "../x", "a/../../b", "a\\..\\..\\b",
            "a/\u0000b", "a\nb", ".", "./", "a/.."})
    void rejectsPathsThatCouldEscapeTheJobDirectory(String raw) {
        assertThrows(InvalidInputException.class, () -> BundlePath.normalize(raw));
    }

    @Test
    void rejectsOverlongNamesAndPaths() {
        assertThrows(InvalidInputException.class, () -> BundlePath.normalize("a".repeat(256)));
        assertThrows(InvalidInputException.class, () -> BundlePath.normalize("a/".repeat(600) + "b"));
    }

    @Test
    void rejectsABundleNamingTheSameFileTwice() {
        assertThrows(InvalidInputException.class, () -> BundlePath.checkManifest(List.of("a/b.png", "a//b.png")));
        BundlePath.checkManifest(List.of("a/b.png", "a/B.png"));
    }
}
