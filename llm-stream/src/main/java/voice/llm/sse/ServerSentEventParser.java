package voice.llm.sse;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The event-stream interpretation of the WHATWG HTML standard (section 9.2.6), fed arbitrary
 * byte chunks. Pure: bytes in, events out, no I/O.
 *
 * <p>Lines are cut on bytes (CR and LF never occur inside a UTF-8 multi-byte sequence), so a
 * character split across two chunks is decoded whole. A CRLF split across chunks counts once.
 * An event not closed by a blank line when the stream ends is discarded, as the spec says.
 */
public final class ServerSentEventParser {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final Consumer<ServerSentEvent> events;
  private final LongConsumer retry;
  private final LineBuffer line = new LineBuffer();
  private final StringBuilder data = new StringBuilder();
  private String eventType = "";
  private String lastEventId = "";
  private boolean lastWasCr;
  private int bomBytesSeen;
  private boolean bomChecked;

  public ServerSentEventParser(Consumer<ServerSentEvent> events) {
    this(events, millis -> { });
  }

  /** {@code retry} receives the reconnection time of each valid {@code retry:} field. */
  public ServerSentEventParser(Consumer<ServerSentEvent> events, LongConsumer retry) {
    this.events = events;
    this.retry = retry;
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  public void feed(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    if (!bomChecked) {
      i = skipBom(bytes, i, end);
      if (!bomChecked) {
        return;
      }
    }
    for (; i < end; i++) {
      byte b = bytes[i];
      if (b == LF && lastWasCr) {
        lastWasCr = false;
        continue;
      }
      lastWasCr = b == CR;
      if (b == CR || b == LF) {
        processLine(line.takeUtf8());
      } else {
        line.append(b);
      }
    }
  }

  /** The stream ended: a pending, unterminated event is discarded per spec. */
  public void end() {
    line.takeUtf8();
    data.setLength(0);
    eventType = "";
  }

  // The BOM may itself arrive split across chunks; bytes that turn out not to be one are kept.
  private int skipBom(byte[] bytes, int i, int end) {
    while (i < end && bomBytesSeen < BOM.length) {
      if (bytes[i] != BOM[bomBytesSeen]) {
        bomChecked = true;
        for (int k = 0; k < bomBytesSeen; k++) {
          line.append(BOM[k]);
        }
        return i;
      }
      bomBytesSeen++;
      i++;
    }
    if (bomBytesSeen == BOM.length) {
      bomChecked = true;
    }
    return i;
  }

  private void processLine(String text) {
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = "";
    if (colon >= 0) {
      int start = colon + 1;
      if (start < text.length() && text.charAt(start) == ' ') {
        start++;
      }
      value = text.substring(start);
    }
    switch (field) {
      case "event" -> eventType = value;
      case "data" -> data.append(value).append('\n');
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
          try {
            retry.accept(Long.parseLong(value));
          } catch (NumberFormatException tooLarge) {
            // Ignored like any other invalid retry value.
          }
        }
      }
      default -> { }
    }
  }

  private void dispatch() {
    if (data.length() == 0) {
      eventType = "";
      return;
    }
    data.setLength(data.length() - 1);
    String type = eventType.isEmpty() ? "message" : eventType;
    ServerSentEvent event = new ServerSentEvent(type, data.toString(), lastEventId);
    data.setLength(0);
    eventType = "";
    events.accept(event);
  }

  /** Growable byte buffer for the current line. */
  private static final class LineBuffer {
    private byte[] bytes = new byte[256];
    private int size;

    void append(byte b) {
      if (size == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, size * 2);
      }
      bytes[size++] = b;
    }

    String takeUtf8() {
      String text = new String(bytes, 0, size, StandardCharsets.UTF_8);
      size = 0;
      return text;
    }
  }
}
