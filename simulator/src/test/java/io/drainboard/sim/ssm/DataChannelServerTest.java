package io.drainboard.sim.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server end, driven frame by frame by a scripted plugin-side client. */
class DataChannelServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final DataChannelServer server = DataChannelServer.start();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CommandHandler record = command -> {
        ran.add(command);
        return CommandResult.output("");
    };

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ecsExecSessionRunsTheCommandAfterTheHandshakeAndClosesTheChannel() throws Exception {
        server.expect("ecs-execute-command-1", "tok-1", "kill -TERM 1", command -> {
            ran.add(command);
            return CommandResult.output("done\r\n");
        });
        try (ScriptedClient c = new ScriptedClient(server.streamUrl("ecs-execute-command-1"))) {
            c.open("tok-1");

            AgentMessage request = c.nextMessage();
            assertEquals("output_stream_data", request.messageType());
            assertEquals(AgentMessage.HANDSHAKE_REQUEST, request.payloadType());
            assertEquals(0, request.sequenceNumber());
            assertEquals(1, request.flags(), "SYN on the first stream message");
            JsonNode action = JSON.readTree(request.payload()).path("RequestedClientActions").get(0);
            assertEquals("SessionType", action.path("ActionType").asText());
            assertEquals("InteractiveCommands", action.path("ActionParameters").path("SessionType").asText());
            assertEquals("kill -TERM 1", action.path("ActionParameters").path("Properties").path("linux")
                    .path("commands").asText());
            assertTrue(ran.isEmpty(), "nothing runs before the handshake completes");

            c.acknowledge(request);
            c.input(0, AgentMessage.HANDSHAKE_RESPONSE, "{\"ClientVersion\":\"1.2.694.0\",\"ProcessedClientActions\":"
                    + "[{\"ActionType\":\"SessionType\",\"ActionStatus\":1,\"ActionResult\":null,\"Error\":\"\"}],"
                    + "\"Errors\":null}");
            AgentMessage ack = c.nextMessage();
            assertEquals("acknowledge", ack.messageType());
            assertEquals(0, JSON.readTree(ack.payload()).path("AcknowledgedMessageSequenceNumber").asLong());

            AgentMessage complete = c.nextMessage();
            assertEquals(AgentMessage.HANDSHAKE_COMPLETE, complete.payloadType());
            assertEquals(1, complete.sequenceNumber());
            c.acknowledge(complete);
            AgentMessage output = c.nextMessage();
            assertEquals(AgentMessage.OUTPUT, output.payloadType());
            assertEquals(2, output.sequenceNumber());
            assertEquals("done\r\n", output.text());
            c.acknowledge(output);

            AgentMessage closed = c.nextMessage();
            assertEquals("channel_closed", closed.messageType());
            assertEquals("ecs-execute-command-1", JSON.readTree(closed.payload()).path("SessionId").asText());
            // This client stays after channel_closed (the plugin would stop): the service closes after its wait.
            assertInstanceOf(ScriptedClient.Closed.class, c.next());
        }
        SessionLog log = server.session("ecs-execute-command-1").orElseThrow();
        assertEquals(SessionLog.Ending.CHANNEL_CLOSED, log.awaitEnding(WAIT));
        assertEquals(List.of("kill -TERM 1"), ran);
        assertEquals(3, log.acks().size());
        assertEquals(List.of(), log.problems());
        assertEquals("c-1", log.opening().orElseThrow().clientId());
    }

    @Test
    void aWrongTokenClosesTheChannelBeforeTheAgentSpeaks() throws Exception {
        server.expect("s-2", "right", "kill -TERM 1", record);
        try (ScriptedClient c = new ScriptedClient(server.streamUrl("s-2"))) {
            c.open("wrong");
            ScriptedClient.Closed closed = assertInstanceOf(ScriptedClient.Closed.class, c.next());
            assertEquals(1008, closed.code());
        }
        assertEquals(SessionLog.Ending.TOKEN_REJECTED, server.session("s-2").orElseThrow().awaitEnding(WAIT));
        assertTrue(ran.isEmpty());
    }

    @Test
    void aTokenOpensItsSessionOnceAndUnknownSessionsFailTheUpgrade() throws Exception {
        server.expect("s-3", "tok", "kill -TERM 1", record);
        try (ScriptedClient c = new ScriptedClient(server.streamUrl("s-3"))) {
            c.open("tok");
            c.nextMessage();
        }
        for (String id : List.of("s-3", "never-issued")) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> new ScriptedClient(server.streamUrl(id)));
            assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        }
    }

    @Test
    void aDeclinedHandshakeActionEndsTheSessionWithTheAgentsReason() throws Exception {
        server.expect("s-4", "tok", "kill -TERM 1", record, AgentBehaviour.REQUEST_KMS_ENCRYPTION);
        try (ScriptedClient c = new ScriptedClient(server.streamUrl("s-4"))) {
            c.open("tok");
            AgentMessage request = c.nextMessage();
            assertEquals("KMSEncryption", JSON.readTree(request.payload()).path("RequestedClientActions").get(1)
                    .path("ActionType").asText());
            c.acknowledge(request);
            c.input(0, AgentMessage.HANDSHAKE_RESPONSE, "{\"ClientVersion\":\"x\",\"ProcessedClientActions\":["
                    + "{\"ActionType\":\"SessionType\",\"ActionStatus\":1},"
                    + "{\"ActionType\":\"KMSEncryption\",\"ActionStatus\":2,\"Error\":\"no KMS\"}]}");
            c.nextMessage();   // the acknowledge
            AgentMessage closed = c.nextMessage();
            assertEquals("channel_closed", closed.messageType());
            assertTrue(JSON.readTree(closed.payload()).path("Output").asText().contains("KMSEncryption failed"));
        }
        assertTrue(ran.isEmpty());
    }

    @Test
    void aShellSessionRunsTheLineTheClientTypes() throws Exception {
        server.expect("s-5", "tok", record);
        try (ScriptedClient c = new ScriptedClient(server.streamUrl("s-5"))) {
            c.open("tok");
            AgentMessage request = c.nextMessage();
            assertEquals("Standard_Stream", JSON.readTree(request.payload()).path("RequestedClientActions").get(0)
                    .path("ActionParameters").path("SessionType").asText());
            c.acknowledge(request);
            c.input(0, AgentMessage.HANDSHAKE_RESPONSE, "{\"ProcessedClientActions\":[{\"ActionType\":\"SessionType\","
                    + "\"ActionStatus\":1}]}");
            c.nextMessage();   // acknowledge
            c.acknowledge(c.nextMessage());   // HandshakeComplete
            c.input(1, AgentMessage.OUTPUT, "kill -TE");
            c.input(2, AgentMessage.OUTPUT, "RM 1\r");
            assertTrue(server.session("s-5").orElseThrow().awaitCommand(WAIT));
            // The session logs the command before its handler returns on the server's thread: wait for both.
            long until = System.nanoTime() + WAIT.toNanos();
            while (ran.isEmpty() && System.nanoTime() < until) Thread.onSpinWait();
        }
        assertEquals(List.of("kill -TERM 1"), ran);
    }
}
