package voice.agent.cli.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import voice.agent.UserError;
import voice.models.InstalledModel;
import voice.models.ModelStore;
import voice.models.ModelVerifier;

/** {@code voice-agent models verify [ID]}: re-hash installed models. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Re-check the SHA-256 of installed models (all of them without an ID).")
public final class VerifyModelsCommand extends ModelsSubcommand {
  @Parameters(arity = "0..1", paramLabel = "ID") String id;

  @Override
  int run(ModelStore store) {
    List<String> ids = new ArrayList<>();
    if (id != null) {
      if (!store.modelDir(id).toFile().isDirectory()) {
        throw new UserError(id + " is not installed (run voice-agent models pull " + id + ")");
      }
      ids.add(id);
    } else {
      store.installed().stream().map(InstalledModel::id).forEach(ids::add);
    }
    if (ids.isEmpty()) {
      System.out.println("no models installed in " + store.dir());
      return 0;
    }
    ModelVerifier verifier = new ModelVerifier(store);
    List<String> failed = new ArrayList<>();
    for (String each : ids) {
      Optional<String> problem = verifier.problem(each);
      System.out.println((problem.isPresent() ? "FAILED " : "ok     ") + each
          + problem.map(p -> ": " + p).orElse(""));
      problem.ifPresent(p -> failed.add(each));
    }
    if (!failed.isEmpty()) {
      String first = failed.get(0);
      throw new UserError(failed.size() + " model(s) failed verification: " + String.join(", ", failed)
          + " (reinstall with: voice-agent models rm " + first + " && voice-agent models pull "
          + first + ")");
    }
    return 0;
  }
}
