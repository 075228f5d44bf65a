package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.mesh.reticulum.internal.ReticulumConfigRenderer.RadioInterface;
import org.veilor.rnode.LoraSettings;

/**
 * The rendered Reticulum config against golden files, each read back by the real ConfigObj parser
 * with the values the manual's keys want (mesh-radio.md §4): AutoInterface only, TCP backbone only,
 * and all of them with an RNode. The RNode values are the manual-mirroring example stanza's
 * (869525000 Hz, 125 kHz, 17 dBm, SF 9, CR 8).
 */
class GoldenConfigTest {

    static final String PORT = "/dev/serial/by-id/usb-Silicon_Labs_CP2102_USB_to_UART_Bridge_Controller_0001-if00-port0";

    @TempDir
    Path dir;

    static ReticulumSettings settings(Map<String, String> cfg) {
        return ReticulumSettings.validate(CfgConfig.of(cfg));
    }

    @Test
    void autoInterfaceOnly() throws IOException {
        String text = ReticulumConfigRenderer.render(settings(Map.of("autoInterfaceGroupId", "veilor")), Optional.empty());
        assertEquals(golden("auto-only.config"), text);
        JsonNode c = ConfigObjParser.parse(dir, text);
        assertEquals(List.of("reticulum", "logging", "interfaces"), names(c));
        assertStack(c, false);
        JsonNode ifs = c.get("interfaces");
        assertEquals(List.of("Veilor LAN"), names(ifs));
        JsonNode auto = ifs.get("Veilor LAN");
        assertEquals("AutoInterface", auto.get("type").get("value").asText());
        assertTrue(auto.get("enabled").get("bool").asBoolean());
        assertEquals("veilor", auto.get("group_id").get("value").asText());
    }

    @Test
    void backboneOnly() throws IOException {
        ReticulumSettings s = settings(Map.of("autoInterface", "false", "transport", "true",
                "backbonePeers", "hub1.example.net:4242, 192.0.2.7:4965, [2001:db8::5]:4242"));
        String text = ReticulumConfigRenderer.render(s, Optional.empty());
        assertEquals(golden("backbone-only.config"), text);
        JsonNode c = ConfigObjParser.parse(dir, text);
        assertStack(c, true);
        JsonNode ifs = c.get("interfaces");
        assertEquals(List.of("Backbone hub1.example.net 4242", "Backbone 192.0.2.7 4965", "Backbone 2001:db8::5 4242"), names(ifs));
        String[][] expected = { { "hub1.example.net", "4242" }, { "192.0.2.7", "4965" }, { "2001:db8::5", "4242" } };
        int i = 0;
        for (JsonNode peer : ifs) {
            assertEquals("TCPClientInterface", peer.get("type").get("value").asText());
            assertTrue(peer.get("enabled").get("bool").asBoolean());
            assertEquals(expected[i][0], peer.get("target_host").get("value").asText(), "a host is one string, never a list");
            assertEquals(Integer.parseInt(expected[i][1]), peer.get("target_port").get("int").asInt());
            i++;
        }
    }

    @Test
    void withAnRNode() throws IOException {
        ReticulumSettings s = settings(Map.of("autoInterfaceGroupId", "veilor", "backbonePeers", "hub1.example.net:4242",
                "radio", "lora0", "logLevel", "5"));
        RadioInterface radio = new RadioInterface("lora0", PORT, new LoraSettings(869_525_000L, 125_000L, 17, 9, 8, 0, 0), false);
        String text = ReticulumConfigRenderer.render(s, Optional.of(radio));
        assertEquals(golden("with-rnode.config"), text);
        JsonNode c = ConfigObjParser.parse(dir, text);
        assertEquals(5, c.get("logging").get("loglevel").get("int").asInt());
        JsonNode ifs = c.get("interfaces");
        assertEquals(List.of("Veilor LAN", "Backbone hub1.example.net 4242", "RNode lora0"), names(ifs));
        JsonNode rnode = ifs.get("RNode lora0");
        assertEquals("RNodeInterface", rnode.get("type").get("value").asText());
        assertTrue(rnode.get("enabled").get("bool").asBoolean());
        assertEquals(PORT, rnode.get("port").get("value").asText());
        assertEquals(869_525_000, rnode.get("frequency").get("int").asInt());
        assertEquals(125_000, rnode.get("bandwidth").get("int").asInt());
        assertEquals(17, rnode.get("txpower").get("int").asInt());
        assertEquals(9, rnode.get("spreadingfactor").get("int").asInt());
        assertEquals(8, rnode.get("codingrate").get("int").asInt());
        assertFalse(rnode.has("flow_control") || rnode.has("airtime_limit_short") || rnode.has("airtime_limit_long"));
    }

    @Test
    void optionalRNodeKeysAndAwkwardDevicePathsSurviveTheParser() throws IOException {
        ReticulumSettings s = settings(Map.of("autoInterface", "false", "radio", "odd"));
        String port = "/dev/serial/by-id/usb-maker,inc_#1 \"x\"";
        RadioInterface radio = new RadioInterface("odd", port, new LoraSettings(433_775_000L, 62_500L, 2, 12, 5, 1.5, 10), true);
        String text = ReticulumConfigRenderer.render(s, Optional.of(radio));
        assertTrue(text.contains("    port = '" + port + "'\n"), text);
        JsonNode rnode = ConfigObjParser.parse(dir, text).get("interfaces").get("RNode odd");
        assertEquals(port, rnode.get("port").get("value").asText(), "quoted, so the ',' makes no list and the '#' no comment");
        assertTrue(rnode.get("flow_control").get("bool").asBoolean());
        assertEquals("1.5", rnode.get("airtime_limit_short").get("value").asText());
        assertEquals(10, rnode.get("airtime_limit_long").get("int").asInt());
        assertThrows(IllegalArgumentException.class, () -> ConfigObjWriter.quote("both ' and \" quotes"));
        assertThrows(IllegalArgumentException.class, () -> ConfigObjWriter.quote("two\nlines"));
    }

    @Test
    void aNamedRadioWithoutItsInterfaceIsNotRenderedHalfway() {
        ReticulumSettings s = settings(Map.of("radio", "lora0"));
        assertThrows(IllegalStateException.class, () -> ReticulumConfigRenderer.render(s, Optional.empty()));
    }

    /** [reticulum] and [logging] as the manual documents them. */
    private static void assertStack(JsonNode c, boolean transport) {
        JsonNode r = c.get("reticulum");
        assertEquals(transport, r.get("enable_transport").get("bool").asBoolean());
        assertTrue(r.get("share_instance").get("bool").asBoolean());
        assertFalse(r.get("panic_on_interface_error").get("bool").asBoolean());
        assertEquals(4, c.get("logging").get("loglevel").get("int").asInt());
    }

    private static List<String> names(JsonNode section) {
        List<String> names = new ArrayList<>();
        section.fieldNames().forEachRemaining(n -> {
            if (section.get(n).isObject() && !section.get(n).has("value")) {
                names.add(n);
            }
        });
        return names;
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = GoldenConfigTest.class.getResourceAsStream("golden/" + name)) {
            assertNotNull(in, "golden file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
