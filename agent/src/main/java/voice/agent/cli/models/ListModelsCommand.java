package voice.agent.cli.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import voice.models.ByteSizes;
import voice.models.InstalledModel;
import voice.models.ModelEntry;
import voice.models.ModelStore;

/** {@code voice-agent models list}: the catalogue and what is installed; never uses the network. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Show the models: kind, download size, memory when loaded, installed or not.")
public final class ListModelsCommand extends ModelsSubcommand {
  private static final String ROW = "%-27s %-10s %-9s %-9s %-18s %s%n";

  @Override
  int run(ModelStore store) {
    System.out.println("models folder: " + store.dir());
    System.out.printf(ROW, "ID", "KIND", "DOWNLOAD", "MEMORY", "INSTALLED", "DESCRIPTION");
    List<String> listed = new ArrayList<>();
    for (ModelEntry entry : store.catalogue().entries()) {
      listed.add(entry.id());
      long onDisk = store.isInstalled(entry.id()) ? store.sizeOnDisk(entry.id()) : 0;
      long memory = entry.memoryEstimate() > 0 ? entry.memoryEstimate() : onDisk;
      System.out.printf(ROW, entry.id(), entry.kind(),
          entry.bytes() > 0 ? ByteSizes.format(entry.bytes()) : "?",
          memory > 0 ? "~" + ByteSizes.format(memory) : "?",
          installed(store, entry.id(), onDisk), describe(entry));
    }
    for (InstalledModel other : store.installed()) {
      if (!listed.contains(other.id())) {
        System.out.printf(ROW, other.id(), Optional.ofNullable(other.kind()).orElse("?"), "-", "-",
            installed(store, other.id(), store.sizeOnDisk(other.id())), "(not in this catalogue)");
      }
    }
    System.out.println("memory is an estimate of what the model needs when loaded;"
        + " pull one with: voice-agent models pull ID");
    return 0;
  }

  private static String installed(ModelStore store, String id, long onDisk) {
    return store.isInstalled(id) ? "yes, " + ByteSizes.format(onDisk) : "no";
  }

  private static String describe(ModelEntry entry) {
    return entry.goodFor().isEmpty() ? entry.description()
        : entry.description() + " [" + String.join(", ", entry.goodFor()) + "]";
  }
}
