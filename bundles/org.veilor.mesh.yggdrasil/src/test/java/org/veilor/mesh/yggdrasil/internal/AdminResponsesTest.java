package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Response shapes the real daemons here do not produce: 0.5.6–0.5.11 named the latency
 * {@code latency_ms} although it holds nanoseconds (spec mesh-radio.md §1.6); and broken answers.
 * The 0.4.7 and 0.5.12 shapes are read from real daemons in AdminClientTest.
 */
class AdminResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void latencyMsIsNanosecondsToo() throws IOException {
        List<DaemonPeer> peers = AdminResponses.peers(JSON.readTree("{\"peers\": [{\"remote\": \"tls://198.51.100.7:443\","
                + " \"up\": true, \"inbound\": false, \"key\": \"" + TestConfs.KEY + "\", \"port\": 1, \"priority\": 0,"
                + " \"cost\": 2, \"bytes_recvd\": 1, \"bytes_sent\": 2, \"uptime\": 1.5, \"latency_ms\": 2540000}]}"));
        assertEquals(Duration.ofNanos(2_540_000), peers.get(0).latency());
        assertEquals(Duration.ofMillis(1500), peers.get(0).uptime());
    }

    @Test
    void aDownPeerOf05CarriesItsError() throws IOException {
        DaemonPeer p = AdminResponses.peers(JSON.readTree("{\"peers\": [{\"remote\": \"wss://ygg.example.net:443/ygg\","
                + " \"up\": false, \"inbound\": false, \"key\": \"\", \"port\": 0, \"priority\": 0, \"cost\": 0,"
                + " \"last_error_time\": 3932663150, \"last_error\": \"lookup ygg.example.net: no such host\"}]}")).get(0);
        assertEquals("lookup ygg.example.net: no such host", p.lastError());
        assertNull(p.latency());
        assertEquals(false, p.up());
    }

    @Test
    void brokenAnswersAreRefused() throws IOException {
        assertThrows(IOException.class, () -> AdminResponses.peers(JSON.readTree("{}")));
        assertTrue(assertThrows(IOException.class, () -> AdminResponses.self(JSON.readTree("{\"address\": \"200::1\"}")))
                .getMessage().contains("without a public key"));
    }
}
