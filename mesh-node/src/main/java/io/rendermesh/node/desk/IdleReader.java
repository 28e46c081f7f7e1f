package io.rendermesh.node.desk;

import java.util.OptionalLong;

/** How long the person at this workstation has not touched pointer or keyboard. */
@FunctionalInterface
public interface IdleReader {
    /** Milliseconds since the last input, or empty when there is no desktop (a server counts as always away). */
    OptionalLong idleMillis();

    static IdleReader noDesktop() {
        return OptionalLong::empty;
    }

    /**
     * The desktop's own idle time where there is an X display: the X11 screen-saver extension, or,
     * without libXss, the pointer's position over time. No display: no desktop.
     */
    static IdleReader forThisMachine() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) return noDesktop();
        // opened on first use: a node that renders always never touches the display
        return new IdleReader() {
            private IdleReader reader;

            @Override
            public synchronized OptionalLong idleMillis() {
                if (reader == null) {
                    IdleReader x11 = X11IdleReader.open();
                    reader = x11 != null ? x11 : PointerIdleReader.open(java.time.Clock.systemUTC());
                }
                return reader.idleMillis();
            }
        };
    }
}
