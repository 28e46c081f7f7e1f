package io.rendermesh.node.admission;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rendermesh.node.discovery.MdnsDiscovery;
import io.rendermesh.node.membership.MeshKey;
import io.rendermesh.protocol.model.JoinRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A member's admission desk and a newcomer's request, over loopback TCP. */
class AdmissionDeskIT {
    private final MeshKey meshKey = MeshKey.generate();
    private final List<JoinRequest> opened = new CopyOnWriteArrayList<>();
    private final List<JoinRequest> closed = new CopyOnWriteArrayList<>();
    private AdmissionDesk desk;

    @AfterEach
    void stop() {
        if (desk != null) desk.close();
    }

    private InetSocketAddress startDesk(String refusal) throws Exception {
        desk = new AdmissionDesk("member", "m", meshKey, InetAddress.getLoopbackAddress(), Clock.systemUTC());
        desk.start(new AdmissionDesk.Listener() {
            @Override
            public String opened(JoinRequest r) {
                opened.add(r);
                return refusal;
            }

            @Override
            public void closed(JoinRequest r) {
                closed.add(r);
            }
        });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), desk.port());
    }

    private static JoinRequester newcomer(String name) {
        return new JoinRequester(name, "m", new MdnsDiscovery("m", name), InetAddress.getLoopbackAddress());
    }

    @Test
    void anApprovedNewcomerReceivesTheMeshKeyAndNothingBefore() throws Exception {
        InetSocketAddress at = startDesk(null);
        KeyPair keys = KeySeal.newKeyPair();
        String fp = KeySeal.fingerprint(keys.getPublic());
        CompletableFuture<Optional<MeshKey>> answer = CompletableFuture.supplyAsync(() -> newcomer("ws5").ask(at, keys, fp));
        await().atMost(Duration.ofSeconds(5)).until(() -> opened.size() == 1);
        assertEquals(fp, opened.get(0).fingerprint());
        assertEquals("ws5", opened.get(0).name());
        assertFalse(answer.isDone(), "nothing before approval");
        assertFalse(desk.approve("ws5", "0000-0000-0000-0000"), "an approval for another key does not count");
        assertTrue(desk.approve("ws5", fp));
        MeshKey got = answer.get().orElseThrow();
        assertArrayEquals(meshKey.raw(), got.raw());
        await().atMost(Duration.ofSeconds(5)).until(() -> closed.size() == 1);
    }

    @Test
    void aRefusedNewcomerLearnsWhy() throws Exception {
        InetSocketAddress at = startDesk("a member is already named ws5");
        KeyPair keys = KeySeal.newKeyPair();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> newcomer("ws5").ask(at, keys, KeySeal.fingerprint(keys.getPublic())));
        assertTrue(e.getMessage().contains("already named ws5"), e.getMessage());
    }

    @Test
    void aSecondRequestUnderAWaitingNameIsRefused() throws Exception {
        InetSocketAddress at = startDesk(null);
        KeyPair first = KeySeal.newKeyPair();
        CompletableFuture.supplyAsync(() -> newcomer("ws5").ask(at, first, KeySeal.fingerprint(first.getPublic())));
        await().atMost(Duration.ofSeconds(5)).until(() -> opened.size() == 1);
        KeyPair second = KeySeal.newKeyPair();
        assertThrows(IllegalStateException.class, () -> newcomer("ws5").ask(at, second, KeySeal.fingerprint(second.getPublic())));
        assertEquals(1, desk.waiting().size());
    }
}
