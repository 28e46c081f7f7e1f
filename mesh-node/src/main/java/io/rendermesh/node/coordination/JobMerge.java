package io.rendermesh.node.coordination;

import io.rendermesh.protocol.message.MeshMessage.TimedControl;
import io.rendermesh.protocol.model.FrameRecord;
import io.rendermesh.protocol.model.FrameState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * How a job that two coordinators ran while the mesh was split becomes one again. The winner (the
 * higher epoch) keeps its record and takes from the loser's side, field by field: the job's state
 * (pause/resume), its priority, its samples and each frame's rerender go to whichever side was
 * told last; a cancel on either side holds; a frame done on the loser's side is done. Pure.
 */
public final class JobMerge {
    private JobMerge() {
    }

    /** The field a control action sets, or null for one that is momentary (accept-frame). */
    static String field(TimedControl c) {
        return switch (c.action()) {
            case "pause", "resume", "cancel" -> "state";
            case "priority" -> "priority";
            case "set-samples" -> "samples";
            case "rerender-frame" -> "frame " + c.frame();
            default -> null;
        };
    }

    /** The loser's actions the winner applies, oldest first: those later than the winner's own on the same field. */
    public static List<TimedControl> controlsToApply(Collection<TimedControl> winners, Collection<TimedControl> losers) {
        Map<String, Long> lastByField = new HashMap<>();
        for (TimedControl c : winners) {
            String f = field(c);
            if (f != null) lastByField.merge(f, c.atMillis(), Math::max);
        }
        List<TimedControl> apply = new ArrayList<>();
        for (TimedControl c : losers) {
            String f = field(c);
            if (f == null) continue;
            if (c.action().equals("cancel") || c.atMillis() > lastByField.getOrDefault(f, Long.MIN_VALUE)) apply.add(c);
        }
        apply.sort(Comparator.comparingLong(TimedControl::atMillis));
        return apply;
    }

    /**
     * The loser's done frames the winner takes as they are: frames the winner has not finished and
     * was not told to render again.
     */
    public static List<FrameRecord> framesToAdopt(IntFunction<FrameRecord> winnersFrame, Collection<FrameRecord> losersDone,
                                                  Collection<TimedControl> winners) {
        List<FrameRecord> adopt = new ArrayList<>();
        for (FrameRecord theirs : losersDone) {
            FrameRecord mine = winnersFrame.apply(theirs.frame());
            if (mine == null || theirs.state() != FrameState.DONE || mine.state() == FrameState.DONE) continue;
            boolean rerenderedHere = winners.stream().anyMatch(c -> c.action().equals("rerender-frame")
                    && Integer.valueOf(theirs.frame()).equals(c.frame()));
            if (!rerenderedHere) adopt.add(theirs);
        }
        return adopt;
    }
}
