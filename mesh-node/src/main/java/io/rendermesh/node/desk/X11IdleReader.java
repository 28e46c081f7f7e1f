package io.rendermesh.node.desk;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import com.sun.jna.platform.unix.X11;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Idle time from the X11 screen-saver extension (libXss), the figure screen savers use. */
final class X11IdleReader implements IdleReader {
    private static final Logger log = LoggerFactory.getLogger(X11IdleReader.class);

    interface Xss extends Library {
        XScreenSaverInfo XScreenSaverAllocInfo();

        int XScreenSaverQueryInfo(X11.Display display, X11.Drawable drawable, XScreenSaverInfo info);
    }

    @Structure.FieldOrder({"window", "state", "kind", "til_or_since", "idle", "eventMask"})
    public static final class XScreenSaverInfo extends Structure {
        public X11.Window window;
        public int state;
        public int kind;
        public NativeLong til_or_since;
        public NativeLong idle;
        public NativeLong eventMask;
    }

    private final Xss xss;
    private final X11.Display display;
    private final X11.Window root;
    private final XScreenSaverInfo info;

    private X11IdleReader(Xss xss, X11.Display display) {
        this.xss = xss;
        this.display = display;
        this.root = X11.INSTANCE.XDefaultRootWindow(display);
        this.info = xss.XScreenSaverAllocInfo();
    }

    /** A reader, or null when there is no display or no libXss. */
    static X11IdleReader open() {
        try {
            Xss xss = Native.load("Xss", Xss.class);
            X11.Display display = X11.INSTANCE.XOpenDisplay(null);
            if (display == null) return null;
            return new X11IdleReader(xss, display);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            log.info("no X11 screen-saver extension ({}); idle time from the pointer instead", e.getMessage());
            return null;
        }
    }

    @Override
    public synchronized OptionalLong idleMillis() {
        if (xss.XScreenSaverQueryInfo(display, root, info) == 0) return OptionalLong.empty();
        info.read();
        return OptionalLong.of(info.idle.longValue());
    }
}
