package voice.core.message;

/** A turn is over: {@code outcome} is {@code done}, {@code bargein}, {@code cancelled} or {@code error}. */
public record TurnDone(String turn, String outcome, String error) {}
