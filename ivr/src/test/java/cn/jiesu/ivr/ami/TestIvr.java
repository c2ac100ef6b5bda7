package cn.jiesu.ivr.ami;

import java.io.IOException;
import java.util.Map;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;

/**
 * A stand-in for the real FastAGI IVR (package agi, another team's): sets the contract's {@code JIESU_*} variables
 * the way the IVR would, chosen by the caller's {@code SCENARIO} variable, so the AMI tests do not depend on the
 * IVR's menus. Runs Asterisk-Java's FastAGI server on the lab's AGI port.
 */
final class TestIvr implements AutoCloseable {
    private final DefaultAgiServer server;
    private final Thread thread;

    TestIvr(int port) {
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of("ivr", (AgiScript) TestIvr::serve));
        server = new DefaultAgiServer(mapping);
        server.setPort(port);
        thread = Thread.ofPlatform().daemon().name("test-ivr").start(() -> {
            try {
                server.startup();
            } catch (IOException | IllegalStateException e) {
                throw new IllegalStateException("test IVR cannot listen on " + port, e);
            }
        });
    }

    private static void serve(AgiRequest request, AgiChannel channel) throws AgiException {
        try {
            String scenario = channel.getVariable("SCENARIO");
            channel.setVariable("JIESU_LANG", "zh");
            switch (scenario == null ? "" : scenario) {
                case "midmenu" -> {
                    channel.setVariable("JIESU_PATH", "lang:1");
                    channel.waitForDigit(60_000); // the caller hangs up before pressing anything
                }
                case "queue" -> {
                    channel.setVariable("JIESU_PATH", "lang:1,menu:2");
                    channel.setVariable("JIESU_REQTYPE", "HELP");
                    channel.setVariable("JIESU_URGENCY", "IMMEDIATE");
                    channel.setVariable("JIESU_ROUTE", "queue");
                    channel.setVariable("JIESU_QUEUE", "general");
                }
                default -> channel.setVariable("JIESU_ROUTE", "done");
            }
        } catch (AgiHangupException hungUp) {
            // the caller left: a normal end of an IVR session
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        thread.join(5_000);
    }
}
