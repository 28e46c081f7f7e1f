package io.rendermesh.node.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jgroups.util.NameCache;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

class NamePinningTest {
    @Test
    void aKnownMemberCannotBeRenamedByADiscoveryPacket() {
        UUID member = UUID.randomUUID();
        NameCache.add(member, "ws1");
        assertNull(NamePinning.accept(member, "ws2", UUID.randomUUID()));
        assertEquals("ws1", NamePinning.accept(member, "ws1", member));
        NameCache.remove(member);
    }

    @Test
    void aNewMemberGetsTheNameItAnnounces() {
        UUID member = UUID.randomUUID();
        assertEquals("ws9", NamePinning.accept(member, "ws9", member));
    }
}
