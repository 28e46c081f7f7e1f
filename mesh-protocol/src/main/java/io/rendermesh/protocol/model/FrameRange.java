package io.rendermesh.protocol.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the frame list of a job profile: {@code "1-48"}, {@code "1-48x2"} (every second frame),
 * {@code "1,5,9-12"}. Frames are non-negative, ranges ascend, and a job has at most
 * {@value #MAX_FRAMES} frames.
 */
public final class FrameRange {
    public static final int MAX_FRAMES = 100_000;
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9})(?:x(\\d{1,9}))?)?");

    private FrameRange() {
    }

    public static List<Integer> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("frames is required, e.g. \"1-48\", \"1-48x2\" or \"1,5,9-12\"");
        }
        TreeSet<Integer> frames = new TreeSet<>();
        for (String raw : spec.split(",", -1)) {
            String part = raw.trim();
            Matcher m = PART.matcher(part);
            if (!m.matches()) {
                throw new InvalidInputException("bad frame range '" + part + "' in \"" + spec
                        + "\": use N, A-B or A-BxSTEP with non-negative whole numbers");
            }
            long from = Long.parseLong(m.group(1));
            long to = m.group(2) == null ? from : Long.parseLong(m.group(2));
            long step = m.group(3) == null ? 1 : Long.parseLong(m.group(3));
            if (to < from) {
                throw new InvalidInputException("frame range '" + part + "' is reversed: write " + to + "-" + from);
            }
            if (step < 1) {
                throw new InvalidInputException("frame step in '" + part + "' must be at least 1");
            }
            long count = (to - from) / step + 1;
            if (count + frames.size() > MAX_FRAMES) {
                throw new InvalidInputException("frames \"" + spec + "\" has more than " + MAX_FRAMES + " frames");
            }
            for (long f = from; f <= to; f += step) {
                frames.add((int) f);
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(frames));
    }
}
