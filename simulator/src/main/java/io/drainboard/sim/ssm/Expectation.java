package io.drainboard.sim.ssm;

import java.util.Optional;

/** A session the server will accept: its token, the command (empty = a shell), and how the agent acts. */
record Expectation(String sessionId, String token, Optional<String> command, CommandHandler handler,
                   AgentBehaviour behaviour) {
}
