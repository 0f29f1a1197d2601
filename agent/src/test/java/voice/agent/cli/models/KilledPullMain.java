package voice.agent.cli.models;

import java.nio.file.Path;
import voice.models.Catalogue;
import voice.models.ModelPuller;
import voice.models.ModelStore;
import voice.models.ProgressListener;

/**
 * Runs in a child JVM: pulls a model and dies like {@code kill -9} (no finally blocks, no
 * shutdown hooks) once two archive entries are on disk. Arguments: catalogue, models dir, id.
 */
public final class KilledPullMain {
  static final int KILLED = 137;

  public static void main(String[] args) {
    ModelStore store = new ModelStore(Path.of(args[1]), Catalogue.load(args[0]));
    new ModelPuller(store).pull(args[2], new ProgressListener() {
      private int entries;

      @Override
      public void unpacked(String entryName) {
        if (++entries == 2) {
          Runtime.getRuntime().halt(KILLED);
        }
      }
    });
    System.exit(0); // reaching here means the kill never happened
  }
}
