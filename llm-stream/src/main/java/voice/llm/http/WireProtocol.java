package voice.llm.http;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import voice.llm.turn.Exchange;
import voice.llm.turn.RoundListener;

/** One provider's HTTP dialect: how a request is written and how its streamed answer is read. */
public interface WireProtocol {
  /** The URL, headers (with the key) and JSON body of the next request. */
  Request request(Exchange exchange);

  /** A fresh decoder for one response body. */
  StreamDecoder decoder(RoundListener listener);

  /** A POST request; {@code headers} may hold the key and are never logged. */
  record Request(String url, MultiMap headers, JsonObject body) {}

  /** Reads a streamed 2xx body; reports through the listener it was made with. */
  interface StreamDecoder {
    void feed(byte[] bytes);

    /** The body ended; a decoder that saw no stop event reports a failure. */
    void end();
  }
}
