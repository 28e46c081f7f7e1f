package io.rendermesh.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fault suite's outcome per run, and the table per fault: runs, frames lost, frames rendered twice, worst takeover. */
final class FaultTable {
    enum Fault {
        KILL_COORDINATOR("kill -9 of the job's coordinator"),
        KILL_WORKER("kill -9 of a worker"),
        PARTITION("partition + control input, healed"),
        RESTART("node restarted with its data dir"),
        FULL_DISK("a node's data dir fills up");

        final String label;

        Fault(String label) {
            this.label = label;
        }
    }

    /** One run: {@code takeoverMillis} is -1 where no coordinator had to take over. */
    record Outcome(int run, long seed, Fault fault, String detail, int frames, int lost, int renderedTwice, long takeoverMillis) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    void add(Outcome o) {
        outcomes.add(o);
    }

    List<Outcome> outcomes() {
        return outcomes;
    }

    int lost() {
        return outcomes.stream().mapToInt(Outcome::lost).sum();
    }

    /**
     * Frames rendered more than once, outside partitions: both sides of a split keep rendering the
     * frames they cannot see done, so a partition longer than the work left renders some twice by design.
     */
    int renderedTwiceOutsidePartitions() {
        return outcomes.stream().filter(o -> o.fault() != Fault.PARTITION).mapToInt(Outcome::renderedTwice).sum();
    }

    long worstTakeoverMillis() {
        return outcomes.stream().mapToLong(Outcome::takeoverMillis).max().orElse(-1);
    }

    String markdown() {
        Map<Fault, List<Outcome>> byFault = new LinkedHashMap<>();
        for (Fault f : Fault.values()) byFault.put(f, new ArrayList<>());
        outcomes.forEach(o -> byFault.get(o.fault()).add(o));
        StringBuilder s = new StringBuilder("| fault | runs | frames | frames lost | frames rendered twice | worst takeover |\n"
                + "|---|---|---|---|---|---|\n");
        byFault.forEach((f, os) -> {
            long worst = os.stream().mapToLong(Outcome::takeoverMillis).max().orElse(-1);
            s.append("| ").append(f.label).append(" | ").append(os.size()).append(" | ")
                    .append(os.stream().mapToInt(Outcome::frames).sum()).append(" | ")
                    .append(os.stream().mapToInt(Outcome::lost).sum()).append(" | ")
                    .append(os.stream().mapToInt(Outcome::renderedTwice).sum()).append(" | ")
                    .append(worst < 0 ? "-" : String.format("%.2f s", worst / 1000.0)).append(" |\n");
        });
        s.append("\nRuns:\n");
        for (Outcome o : outcomes) {
            s.append(String.format("- run %d (seed %d) %s: %s; lost %d, twice %d%s%n", o.run(), o.seed(), o.fault().label, o.detail(),
                    o.lost(), o.renderedTwice(), o.takeoverMillis() < 0 ? "" : String.format(", takeover %.2f s", o.takeoverMillis() / 1000.0)));
        }
        return s.toString();
    }
}
