package org.veilor.kickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseStage;

/** The Fedora 43 table layer, checked against the facts of spec §2 (pykickstart cannot run here). */
class KickstartValidatorTest {

    static List<Finding> f43(String text) {
        return KickstartValidator.validate(text, "t.ks", KickstartValidator.Options.f43Only());
    }

    static List<Finding> errors(List<Finding> all) {
        return all.stream().filter(Finding::isError).toList();
    }

    /** The one finding with this code; fails if there is not exactly one. */
    static Finding only(List<Finding> findings, String code) {
        List<Finding> f = findings.stream().filter(x -> x.code().equals(code)).toList();
        assertEquals(1, f.size(), code + " in " + findings);
        return f.get(0);
    }

    static String resource(String path) throws IOException {
        try (InputStream in = KickstartValidatorTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSpecsF43ExampleValidates() throws Exception {
        // spec §2.3: "Example that validates under ksvalidator -v F43 (checked)".
        assertEquals(List.of(), f43(resource("/spec/f43-example.ks")));
    }

    @Test
    void camelCaseSignatureOptionIsRefusedWithTheRealName() {
        // spec §2.1: F43 reports "unrecognized arguments: --noSignatureVerification".
        Finding f = only(f43("ostreecontainer --url=ghcr.io/x/y:1 --noSignatureVerification\n"), "kickstart.unknown-option");
        assertEquals("t.ks:1", f.location());
        assertEquals("ostreecontainer: unrecognized arguments: --noSignatureVerification"
                + " (did you mean --no-signature-verification?)", f.message());
    }

    @Test
    void missingRequiredOptionIsNamed() {
        Finding f = only(f43("text\nostreecontainer --transport=registry\n"), "kickstart.missing-option");
        assertEquals("ostreecontainer: the following arguments are required: --url", f.message());
        assertEquals("t.ks:2", f.location());
        assertEquals("logvol: the following arguments are required: --name",
                only(f43("logvol / --vgname=vg\n"), "kickstart.missing-option").message());
        assertEquals("bootc: the following arguments are required: --source-imgref",
                only(f43("bootc --stateroot=x\n"), "kickstart.missing-option").message());
    }

    @Test
    void unknownCommandAndMisspelledOption() {
        Finding unknown = only(f43("text\n\nostreecontaner --url=x\n"), "kickstart.unknown-command");
        assertEquals("Unknown command: ostreecontaner", unknown.message());
        assertEquals("t.ks:3", unknown.location());
        assertEquals("part: unrecognized arguments: --encryptd (did you mean --encrypted?)",
                only(f43("part / --encryptd\n"), "kickstart.unknown-option").message());
        // another F43 command: known, not checked
        assertEquals(List.of(), errors(f43("skipx\n")));
        only(f43("skipx\n"), "kickstart.unchecked-command");
    }

    @Test
    void optionValuesAreChecked() {
        assertEquals("part: argument --size: invalid int value: 'big'",
                only(f43("part / --size=big\n"), "kickstart.option-value").message());
        assertEquals("part: argument --grow: ignored explicit argument",
                only(f43("part / --grow=yes\n"), "kickstart.option-value").message());
        assertEquals("ostreecontainer: argument --url: expected one argument",
                only(f43("ostreecontainer --url\n"), "kickstart.option-value").message());
        assertEquals("ostreecontainer: argument --url: expected one argument",
                only(f43("ostreecontainer --url --transport=registry\n"), "kickstart.option-value").message());
        assertEquals(List.of(), f43("ostreecontainer --url ghcr.io/x/y:1 --transport registry\n"));
        assertEquals("Invalid autopart type: zfs", only(f43("autopart --type=zfs\n"), "kickstart.option-value").message());
        assertTrue(only(f43("bootloader --location=usb\n"), "kickstart.option-value").message()
                .startsWith("bootloader: argument --location: invalid choice: 'usb' (choose from boot, mbr, none, partition)"));
        // pykickstart does not validate --transport or --luks-version (spec §2.1, §2.3)
        assertEquals(List.of(), f43("ostreecontainer --url=x --transport=floppy\npart / --encrypted --luks-version=luks3\n"));
    }

    @Test
    void secretsNeverAppearInMessages() {
        List<Finding> f = f43("part / --pbkdf-memory=x --passphrase\nrootpw hunter2 also-secret\n"
                + "user --name=a --password=s3cret --plaintext=s3cret\nrootpw -s3cret-dash\n");
        for (Finding x : f) {
            assertFalse(x.message().contains("s3cret") || x.message().contains("hunter2") || x.message().contains("also-secret"),
                    x.toString());
        }
        assertEquals(6, errors(f).size(), f.toString());
    }

    @Test
    void conflictsAreReportedOnTheSecondCommand() {
        Finding f = only(f43("ostreesetup --osname=f --url=u --ref=r\ntext\nostreecontainer --url=x\n"), "kickstart.conflict");
        assertEquals("t.ks:3", f.location());
        assertTrue(f.message().startsWith("The ostreesetup and ostreecontainer commands can't be used at the same time"));
        assertEquals("t.ks:2", only(f43("bootc --source-imgref=registry:q/x\nostreecontainer --url=x\n"),
                "kickstart.conflict").location());
        assertEquals("t.ks:2", only(f43("part / --size=1\nautopart\n"), "kickstart.conflict").location());
    }

    @Test
    void perCommandRules() {
        assertEquals("t.ks:1", only(f43("bootc --source-imgref=quay.io/x/y\n"), "kickstart.option-value").location());
        assertEquals(List.of(), f43("bootc --source-imgref=registry:quay.io/x/y --target-imgref=quay.io/x/y\n"));
        only(f43("ignoredisk\n"), "kickstart.missing-option");
        only(f43("ignoredisk --drives=sda --only-use=sdb\n"), "kickstart.exclusive");
        only(f43("clearpart --all --none\n"), "kickstart.exclusive");
        only(f43("services\n"), "kickstart.missing-option");
        only(f43("keyboard\n"), "kickstart.missing-option");
        only(f43("rootpw\n"), "kickstart.arguments");
        only(f43("part\n"), "kickstart.arguments");
        only(f43("lang en_US de_DE\n"), "kickstart.arguments");
        only(f43("%post --bogus\n%end\n"), "kickstart.unknown-option");
        only(f43("%addon\n%end\n"), "kickstart.arguments");
        assertEquals(List.of(), f43("%post --nochroot --erroronfail --interpreter=/usr/bin/bash --log=/x\n%end\n"
                + "%packages --ignoremissing --exclude-weakdeps\n@core\n%end\n%onerror --interpreter=/bin/sh\n%end\n"
                + "%addon com_redhat_kdump --enable\n%end\n%anaconda\n%end\n"));
        only(f43("timezone UTC --nontp\n"), "kickstart.deprecated");
    }

    @Test
    void aSyntaxErrorIsOneFindingWithItsLine() {
        List<Finding> f = f43("text\n\nlang 'x\n");
        assertEquals(List.of(Finding.error("kickstart.syntax", "No closing quotation", "t.ks:3")), f);
    }

    @Test
    void includesAreFollowedWithTheirOwnLocations() {
        Map<String, String> files = Map.of("part.ks", "part / --encryptd\n", "loop.ks", "%include loop.ks\n",
                "bad.ks", "text\n%post\n");
        IncludeResolver r = (from, path) -> Optional.ofNullable(files.get(path))
                .map(t -> new IncludeResolver.Included(path, t));
        KickstartValidator.Options o = KickstartValidator.Options.f43Only().withIncludes(r);
        assertEquals("part.ks:1", only(KickstartValidator.validate("text\n%include part.ks\n", "main.ks", o),
                "kickstart.unknown-option").location());
        assertEquals("loop.ks:1", only(KickstartValidator.validate("%include loop.ks\n", "main.ks", o),
                "kickstart.include-depth").location());
        assertEquals("bad.ks:2", only(KickstartValidator.validate("%include bad.ks\n", "main.ks", o),
                "kickstart.syntax").location());
        assertEquals("main.ks:1", only(KickstartValidator.validate("%include /tmp/gone\n", "main.ks", o),
                "kickstart.include-not-followed").location());
    }
}
