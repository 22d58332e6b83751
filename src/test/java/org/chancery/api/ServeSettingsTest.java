package org.chancery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeSettingsTest {
    @TempDir
    Path dir;

    @Test
    void optionsBeatEnvironmentWhichBeatsTheConfigFileWhichBeatsDefaults() throws Exception {
        assertEquals(new ServeSettings("127.0.0.1", 8080, Duration.ofSeconds(10)), ServeSettings.resolve(null, Map.of(), null, null));
        Path props = Files.writeString(dir.resolve("api.properties"), "port=9001\nbind=0.0.0.0\nstop-timeout=PT3S\n");
        assertEquals(new ServeSettings("0.0.0.0", 9001, Duration.ofSeconds(3)), ServeSettings.resolve(props, Map.of(), null, null));
        Path yaml = Files.writeString(dir.resolve("api.yaml"), "port: 9002\n");
        assertEquals(9002, ServeSettings.resolve(yaml, Map.of(), null, null).port());
        assertEquals(9003, ServeSettings.resolve(yaml, Map.of("CHANCERY_PORT", "9003"), null, null).port());
        assertEquals(9004, ServeSettings.resolve(yaml, Map.of("CHANCERY_PORT", "9003"), 9004, null).port());
        assertEquals("::1", ServeSettings.resolve(yaml, Map.of("CHANCERY_BIND", "::1"), null, null).bind());
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndItsSource() throws Exception {
        InvalidInputException port = assertThrows(InvalidInputException.class,
                () -> ServeSettings.resolve(null, Map.of("CHANCERY_PORT", "eighty"), null, null));
        assertTrue(port.getMessage().contains("\"port\"") && port.getMessage().contains("$CHANCERY_PORT"), port.getMessage());
        assertThrows(InvalidInputException.class, () -> ServeSettings.resolve(null, Map.of(), 70_000, null));
        Path unknown = Files.writeString(dir.resolve("a.properties"), "prot=8080\n");
        InvalidInputException key = assertThrows(InvalidInputException.class, () -> ServeSettings.resolve(unknown, Map.of(), null, null));
        assertTrue(key.getMessage().contains("\"prot\""), key.getMessage());
        Path timeout = Files.writeString(dir.resolve("b.yaml"), "stop-timeout: soon\n");
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> ServeSettings.resolve(timeout, Map.of(), null, null));
        assertTrue(t.getMessage().contains("\"stop-timeout\"") && t.getMessage().contains("b.yaml"), t.getMessage());
        InvalidInputException bind = assertThrows(InvalidInputException.class,
                () -> ServeSettings.resolve(null, Map.of(), null, "not a host!"));
        assertTrue(bind.getMessage().contains("\"bind\"") && bind.getMessage().contains("--bind"), bind.getMessage());
    }
}
