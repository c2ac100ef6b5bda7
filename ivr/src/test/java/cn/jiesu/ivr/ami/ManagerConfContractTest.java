package cn.jiesu.ivr.ami;

import static org.assertj.core.api.Assertions.assertThat;

import cn.jiesu.ivr.call.IvrVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("config/asterisk/manager.conf matches what the AMI side expects")
class ManagerConfContractTest {

    @Test
    @DisplayName("channelvars lists exactly the IVR's variables, and events carry timestamps")
    void managerConf() throws IOException {
        Path conf = Path.of("..", "config", "asterisk", "manager.conf"); // Maven runs tests in the module directory
        if (!Files.exists(conf)) {
            conf = Path.of("config", "asterisk", "manager.conf");
        }
        List<String> lines = Files.readAllLines(conf).stream()
                .map(String::strip).filter(l -> !l.startsWith(";")).toList();
        assertThat(lines).contains("channelvars = " + IvrVariables.CHANNELVARS, "timestampevents = yes");
    }
}
