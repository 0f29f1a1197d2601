package voice.llm.sse;

/** One dispatched event: {@code type} is {@code message} when the stream named none. */
public record ServerSentEvent(String type, String data, String lastEventId) {}
