package io.rendermesh.node.coordination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * Who coordinates a job once its coordinator has left: rendezvous hashing of the job id with each
 * member's name. Every survivor computes the same answer from the same view, so no election round
 * is needed, and a member leaving only moves the jobs it coordinated.
 */
public final class CoordinatorChoice {
    private CoordinatorChoice() {
    }

    public static String successor(String jobId, Collection<String> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("no members to choose from");
        String best = null;
        long bestScore = 0;
        for (String member : members) {
            long score = score(jobId, member);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && member.compareTo(best) < 0)) {
                best = member;
                bestScore = score;
            }
        }
        return best;
    }

    static long score(String jobId, String member) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((jobId + '\u0000' + member).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Who keeps the second copy of a frame that {@code self} holds: the submitter; if that is
     * {@code self}, the coordinator; if that is {@code self} too, the member that would take the
     * job over (null when {@code self} is alone).
     */
    public static String secondCopyHolder(String self, String jobId, String submitter, String coordinator, Collection<String> members) {
        if (!self.equals(submitter)) return submitter;
        if (!self.equals(coordinator)) return coordinator;
        List<String> others = new java.util.ArrayList<>(members);
        others.remove(self);
        return others.isEmpty() ? null : successor(jobId, others);
    }
}
