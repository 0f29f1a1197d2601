package voice.agent.pipeline;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;

/** Shows the conversation in the terminal: what the user said, and the assistant's answer as it is spoken. */
public final class ConversationPrinter {
  private ConversationPrinter() {}

  public static void attach(Vertx vertx, String scope, PrintStream out) {
    vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> {
      AgentEvent event = m.body();
      switch (event.type()) {
        case "stt.final" -> out.println("you: " + event.fields().get("text"));
        case "tts.chunk" -> out.println("assistant: " + event.fields().get("text"));
        case "turn.bargein" -> out.println("(interrupted)");
        case "llm.error" -> out.println("(error: " + event.fields().get("message") + ")");
        default -> { }
      }
      out.flush();
    });
  }
}
