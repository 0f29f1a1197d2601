package voice.agent.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import voice.agent.UserError;
import voice.agent.cluster.ClusterNode;
import voice.agent.cluster.ClusterSettings;
import voice.agent.cluster.Role;
import voice.agent.cluster.WorkerRoles;
import voice.agent.config.AgentConfig;
import voice.agent.pipeline.SharedVoice;
import voice.llm.LlmClient;
import voice.llm.LlmConfig;
import voice.stt.pool.RecognizerPool;
import voice.tts.SpeechEngine;

/** {@code voice-agent worker --cluster --roles tts,llm}: a member that does work for the gateways. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Join a cluster and do work for its gateways ('serve --cluster'):",
        "stt (speech recognition; --stt as for serve), tts (MaryTTS), llm (the model;",
        "--llm and the config file as for serve). The first line on stdout is",
        "'joined the cluster at HOST:PORT as ROLES (N members)'. It works until stopped.",
        "",
        "Exit codes: 1 when it cannot join (no member reachable, another version),",
        "2 for a bad option."})
public final class WorkerCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Mixin LlmOptions llm;

  @Mixin RecognizerOptions stt;

  @Override
  public Integer call() throws InterruptedException {
    if (!cluster.enabled()) {
      throw new UserError("a worker only runs in a cluster: add --cluster (and --cluster-members HOST:PORT of a member)", 2);
    }
    AgentConfig config = AgentConfig.load(llm.configFile);
    ClusterSettings settings = cluster.resolve(config, List.of());
    if (settings.offers(Role.gateway)) {
      throw new UserError("a worker holds no conversations: the gateway role is serve's ('voice-agent serve --cluster --roles gateway')", 2);
    }
    if (settings.roles().isEmpty()) {
      throw new UserError("a worker needs at least one role: --roles tts,llm (any of stt, tts, llm)", 2);
    }
    LlmConfig llmConfig = settings.offers(Role.llm) ? llm.toConfig(config) : null;
    SpeechEngine tts = settings.offers(Role.tts) ? SharedVoice.start() : null;
    // One decoder per core, shared by the utterances it is sent; the first opens now, so a missing model is one line.
    RecognizerPool decoders = settings.offers(Role.stt) ? RecognizerPool.sizedToCores(stt.recognizers()) : null;
    ClusterNode node = ClusterNode.join(settings, System.err);
    LlmClient model = null;
    try {
      model = llmConfig == null ? null : llm.createClient(node.vertx(), llmConfig);
      WorkerRoles.deploy(node, tts, model, decoders).await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (model != null) {
        model.close();
      }
      node.close();
      throw e instanceof UserError user ? user : new UserError("cannot offer the roles: " + e.getMessage());
    }
    LlmClient client = model;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      if (client != null) {
        client.close();
      }
    }, "worker-shutdown"));
    System.out.println("joined the cluster at " + settings.host() + ":" + settings.port() + " as "
        + Role.join(settings.roles()) + " (" + node.size() + " members)");
    System.out.flush();
    new CountDownLatch(1).await(); // works until the process is stopped
    return 0;
  }
}
