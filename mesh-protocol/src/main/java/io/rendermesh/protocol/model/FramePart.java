package io.rendermesh.protocol.model;

/**
 * One part of a frame split across nodes: passes {@code [fromPass, toPass)} of the rows
 * {@code [rowFrom, rowTo)}. A split by samples gives every part all rows and its own passes (the
 * builtin tracer's random numbers depend on pixel and pass only, so the parts' sums add up to
 * exactly the frame one node would render); a split by regions gives every part all passes of its
 * rows. {@code index} of {@code count} orders the parts of one split.
 */
public record FramePart(int index, int count, int fromPass, int toPass, int rowFrom, int rowTo) {
    public FramePart {
        if (count < 1 || index < 0 || index >= count || fromPass < 0 || toPass <= fromPass || rowFrom < 0 || rowTo <= rowFrom) {
            throw new InvalidInputException("not a part of a frame: " + index + " of " + count + ", passes " + fromPass + "-" + toPass
                    + ", rows " + rowFrom + "-" + rowTo);
        }
    }

    public int passes() {
        return toPass - fromPass;
    }

    /** Whether this part splits the frame by regions (rows) rather than by samples. */
    public boolean byRegion(int height) {
        return rowFrom > 0 || rowTo < height;
    }
}
