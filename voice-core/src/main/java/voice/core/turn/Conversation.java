package voice.core.turn;

import java.util.ArrayList;
import java.util.List;
import voice.core.message.ChatMessage;

/**
 * The conversation history sent to the model: the system prompt, then the user's and the
 * assistant's messages. The assistant's message holds only what the user actually heard.
 */
public final class Conversation {
  private final String systemPrompt;
  private final List<ChatMessage> messages = new ArrayList<>();
  private final int maxMessages;

  public Conversation(String systemPrompt, int maxMessages) {
    this.systemPrompt = systemPrompt;
    this.maxMessages = maxMessages;
  }

  public void addUser(String text) {
    messages.add(ChatMessage.user(text));
    trim();
  }

  /** Records what the assistant said; an answer nobody heard is not part of the conversation. */
  public void addAssistant(String heardText) {
    if (!heardText.isBlank()) {
      messages.add(ChatMessage.assistant(heardText));
      trim();
    }
  }

  /**
   * Adds what the assistant said after it resumed an answer: to the answer it continues when
   * that is the last message, as a message of its own otherwise.
   */
  public void continueAssistant(String heardText) {
    int last = messages.size() - 1;
    if (last >= 0 && messages.get(last).role().equals("assistant") && !heardText.isBlank()) {
      messages.set(last, ChatMessage.assistant(messages.get(last).content() + " " + heardText.strip()));
    } else {
      addAssistant(heardText);
    }
  }

  /**
   * The user's words of an answered turn heard better (a recognizer's final after the partial
   * the answer was asked with): the history keeps the better words for the turns to come.
   */
  public void correctUser(String heard, String better) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        if (messages.get(i).content().equals(heard)) {
          messages.set(i, ChatMessage.user(better));
        }
        return;
      }
    }
  }

  /** The messages to send for a turn not yet taken: the history, then {@code userText}, which is not kept. */
  public List<ChatMessage> snapshotWith(String userText) {
    List<ChatMessage> out = snapshot();
    out.add(ChatMessage.user(userText.strip()));
    return out;
  }

  /** The messages to send: system prompt first (when set), then the history. */
  public List<ChatMessage> snapshot() {
    List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      out.add(ChatMessage.system(systemPrompt));
    }
    out.addAll(messages);
    return out;
  }

  public List<ChatMessage> messages() {
    return List.copyOf(messages);
  }

  private void trim() {
    // Drop the oldest exchanges first, keeping the list starting with a user message.
    while (messages.size() > maxMessages) {
      messages.remove(0);
      while (!messages.isEmpty() && !messages.get(0).role().equals("user")) {
        messages.remove(0);
      }
    }
  }
}
