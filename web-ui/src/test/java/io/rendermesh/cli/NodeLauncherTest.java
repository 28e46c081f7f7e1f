package io.rendermesh.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeLauncherTest {
    @Test
    void theLauncherScriptStartsNodesWithTheSameJvmOptionsAsTheDemoAndTheTests() throws Exception {
        String script = Files.readString(Path.of("..", "scripts", "rendermesh"));
        String options = String.join(" ", NodeLauncher.JVM_OPTIONS);
        assertTrue(script.contains("DEFAULT_JAVA_OPTS=\"" + options + "\""), "scripts/rendermesh passes " + options);
    }
}
