package voice.stt.echo;

public final class Dbg {
  public static synchronized void log(String s) {
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/aec-dbg.log"), s + "\n",
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
