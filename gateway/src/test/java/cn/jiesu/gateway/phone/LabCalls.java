package cn.jiesu.gateway.phone;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A gateway on the Asterisk lab and the lab's simulated citizens, for one test class:
 * {@code @RegisterExtension static final LabCalls phoneLine = new LabCalls();} starts both before the class and closes
 * them after it (citizens first: their calls hang up before the gateway goes).
 */
final class LabCalls implements BeforeAllCallback, AfterAllCallback {
    private PhoneLab lab;
    private LabCitizens citizens;

    PhoneLab lab() {
        return lab;
    }

    LabCitizens citizens() {
        return citizens;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        lab = PhoneLab.start();
        citizens = new LabCitizens();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (citizens != null) {
            citizens.close();
        }
        if (lab != null) {
            lab.close();
        }
    }
}
