package voice.core.message;

import io.vertx.core.buffer.Buffer;

/**
 * Synthesized speech: signed 16-bit little-endian mono PCM at {@code sampleRate}. {@code index}
 * is the {@link TextChunk} index it speaks; {@code chunkEnd} marks that chunk's last buffer and
 * {@code last} the turn's last buffer ({@code pcm} may then be empty).
 */
public record AudioChunk(String turn, int index, int sampleRate, Buffer pcm, boolean chunkEnd, boolean last) {}
