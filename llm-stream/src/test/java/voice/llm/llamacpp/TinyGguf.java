package voice.llm.llamacpp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny but valid GGUF v3 file: a one-layer llama-architecture model with an SPM
 * vocabulary (control tokens, all 256 byte tokens, a few words). Attention and feed-forward
 * weights are zero and every token embeds to the same vector, so the logits are fixed by
 * {@code output.weight}: the word tokens are favoured and end-of-sequence tokens are
 * practically never sampled, so generation always runs to its token limit.
 */
final class TinyGguf {
  static final List<String> WORDS = List.of("\u2581hello", "\u2581world", "\u2581voice", "\u2581agent", "\u2581tiny");
  private static final int EMBD = 32;
  private static final int HEADS = 4;
  private static final int FF = 64;
  private static final int CTX = 512;
  private static final int ALIGN = 32;
  // GGUF metadata value types
  private static final int U32 = 4, I32 = 5, F32 = 6, BOOL = 7, STRING = 8, ARRAY = 9;
  // llama.cpp token types
  private static final int NORMAL = 1, UNKNOWN = 2, CONTROL = 3, BYTE = 6;

  private TinyGguf() {}

  /** {@code java -cp llm-stream/target/test-classes voice.llm.llamacpp.TinyGguf FILE}: the aarch64 check uses it. */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]));
  }

  static Path write(Path file) throws IOException {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "<|im_start|>", "<|im_end|>"));
    List<Integer> types = new ArrayList<>(List.of(UNKNOWN, CONTROL, CONTROL, CONTROL, CONTROL));
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
      types.add(BYTE);
    }
    int firstWord = tokens.size();
    tokens.addAll(WORDS);
    WORDS.forEach(w -> types.add(NORMAL));
    int vocab = tokens.size();

    Map<String, Object[]> meta = new LinkedHashMap<>();
    meta.put("general.architecture", new Object[] {STRING, "llama"});
    meta.put("general.name", new Object[] {STRING, "tiny-test"});
    meta.put("general.alignment", new Object[] {U32, ALIGN});
    meta.put("llama.context_length", new Object[] {U32, CTX});
    meta.put("llama.embedding_length", new Object[] {U32, EMBD});
    meta.put("llama.block_count", new Object[] {U32, 1});
    meta.put("llama.feed_forward_length", new Object[] {U32, FF});
    meta.put("llama.attention.head_count", new Object[] {U32, HEADS});
    meta.put("llama.attention.head_count_kv", new Object[] {U32, HEADS});
    meta.put("llama.attention.layer_norm_rms_epsilon", new Object[] {F32, 1e-5f});
    meta.put("llama.rope.dimension_count", new Object[] {U32, EMBD / HEADS});
    meta.put("llama.vocab_size", new Object[] {U32, vocab});
    meta.put("tokenizer.ggml.model", new Object[] {STRING, "llama"});
    meta.put("tokenizer.ggml.tokens", new Object[] {ARRAY, STRING, tokens});
    List<Float> scores = new ArrayList<>();
    for (int i = 0; i < vocab; i++) {
      scores.add(i >= firstWord ? -1f : 0f);
    }
    meta.put("tokenizer.ggml.scores", new Object[] {ARRAY, F32, scores});
    meta.put("tokenizer.ggml.token_type", new Object[] {ARRAY, I32, types});
    meta.put("tokenizer.ggml.unknown_token_id", new Object[] {U32, 0});
    meta.put("tokenizer.ggml.bos_token_id", new Object[] {U32, 1});
    meta.put("tokenizer.ggml.eos_token_id", new Object[] {U32, 2});
    meta.put("tokenizer.ggml.add_bos_token", new Object[] {BOOL, true});

    Map<String, float[]> tensors = new LinkedHashMap<>();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    float[] embeddings = new float[EMBD * vocab];
    java.util.Arrays.fill(embeddings, 1f);
    tensor(tensors, shapes, "token_embd.weight", embeddings, EMBD, vocab);
    tensor(tensors, shapes, "output_norm.weight", ones(EMBD), EMBD);
    float[] output = new float[EMBD * vocab];
    for (int t = 0; t < vocab; t++) {
      float weight = t >= firstWord ? 0.1f : t < firstWord && types.get(t) == CONTROL ? -2f : -0.5f;
      java.util.Arrays.fill(output, t * EMBD, (t + 1) * EMBD, weight);
    }
    tensor(tensors, shapes, "output.weight", output, EMBD, vocab);
    tensor(tensors, shapes, "blk.0.attn_norm.weight", ones(EMBD), EMBD);
    for (String name : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
      tensor(tensors, shapes, "blk.0." + name + ".weight", new float[EMBD * EMBD], EMBD, EMBD);
    }
    tensor(tensors, shapes, "blk.0.ffn_norm.weight", ones(EMBD), EMBD);
    tensor(tensors, shapes, "blk.0.ffn_gate.weight", new float[EMBD * FF], EMBD, FF);
    tensor(tensors, shapes, "blk.0.ffn_up.weight", new float[EMBD * FF], EMBD, FF);
    tensor(tensors, shapes, "blk.0.ffn_down.weight", new float[EMBD * FF], FF, EMBD);

    Out out = new Out();
    out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    out.u32(3);
    out.u64(tensors.size());
    out.u64(meta.size());
    for (Map.Entry<String, Object[]> entry : meta.entrySet()) {
      out.string(entry.getKey());
      Object[] v = entry.getValue();
      out.u32((int) v[0]);
      if ((int) v[0] == ARRAY) {
        List<?> items = (List<?>) v[2];
        out.u32((int) v[1]);
        out.u64(items.size());
        for (Object item : items) {
          out.value((int) v[1], item);
        }
      } else {
        out.value((int) v[0], v[1]);
      }
    }
    long offset = 0;
    for (Map.Entry<String, long[]> entry : shapes.entrySet()) {
      out.string(entry.getKey());
      out.u32(entry.getValue().length);
      for (long dim : entry.getValue()) {
        out.u64(dim);
      }
      out.u32(0); // GGML_TYPE_F32
      out.u64(offset);
      offset = align(offset + 4L * tensors.get(entry.getKey()).length);
    }
    out.pad();
    for (float[] data : tensors.values()) {
      ByteBuffer buffer = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
      buffer.asFloatBuffer().put(data);
      out.bytes(buffer.array());
      out.pad();
    }
    Files.write(file, out.toByteArray());
    return file;
  }

  private static void tensor(Map<String, float[]> tensors, Map<String, long[]> shapes, String name, float[] data,
      long... dims) {
    tensors.put(name, data);
    shapes.put(name, dims);
  }

  private static float[] ones(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, 1f);
    return a;
  }

  private static long align(long n) {
    return (n + ALIGN - 1) / ALIGN * ALIGN;
  }

  /** Little-endian GGUF primitives. */
  private static final class Out extends ByteArrayOutputStream {
    void bytes(byte[] b) {
      write(b, 0, b.length);
    }

    void u32(int v) {
      bytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    void u64(long v) {
      bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      bytes(b);
    }

    void value(int type, Object v) {
      switch (type) {
        case U32, I32 -> u32((Integer) v);
        case F32 -> u32(Float.floatToIntBits((Float) v));
        case BOOL -> write((Boolean) v ? 1 : 0);
        case STRING -> string((String) v);
        default -> throw new IllegalArgumentException("type " + type);
      }
    }

    void pad() {
      while (size() % ALIGN != 0) {
        write(0);
      }
    }
  }
}
