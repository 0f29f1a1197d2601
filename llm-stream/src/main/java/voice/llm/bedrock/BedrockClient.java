package voice.llm.bedrock;

import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;
import voice.llm.LlmConfig;
import voice.llm.tools.Toolbox;
import voice.llm.turn.TurnLoop;

/**
 * AWS Bedrock ConverseStream through the AWS SDK for Java v2. {@code config.model()} is the model
 * id (or inference profile), region and credentials come from the SDK's default chains
 * ({@code AWS_REGION}, {@code aws.region}, {@code AWS_ACCESS_KEY_ID}, profiles, ...), and
 * {@code config.baseUrl()} overrides the endpoint. The SDK does not retry: {@link TurnLoop}
 * retries, only before any text was spoken.
 */
public final class BedrockClient implements LlmClient {
  private final Vertx vertx;
  private final LlmConfig config;
  private final Toolbox toolbox;
  private final SdkAsyncHttpClient http;
  private final BedrockRuntimeAsyncClient bedrock;
  private final ExecutorService starter;
  private final BedrockRoundTransport transport;
  private io.vertx.core.http.HttpClient toolHttp;

  /** A client whose tools (built-in or HTTP, from {@code config.tools()}) it owns and closes. */
  public static BedrockClient create(Vertx vertx, LlmConfig config) {
    io.vertx.core.http.HttpClient toolHttp = vertx.createHttpClient(
        new io.vertx.core.http.HttpClientOptions().setConnectTimeout(10_000));
    try {
      BedrockClient client = new BedrockClient(vertx, config, Toolbox.of(config.tools(), toolHttp));
      client.toolHttp = toolHttp;
      return client;
    } catch (RuntimeException e) {
      toolHttp.close();
      throw e;
    }
  }

  /** @throws IllegalArgumentException (one line) when no region is configured or the base URL is invalid */
  public BedrockClient(Vertx vertx, LlmConfig config, Toolbox toolbox) {
    this.vertx = vertx;
    this.config = config;
    this.toolbox = toolbox;
    Region region = region();
    URI endpoint = endpoint(config, region);
    // Netty NIO is pure Java; HTTP/1.1 is what ConverseStream needs and what a plain-http endpoint speaks.
    this.http = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)
        .connectionTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ZERO).writeTimeout(Duration.ofSeconds(30))
        .build();
    BedrockRuntimeAsyncClientBuilder builder = BedrockRuntimeAsyncClient.builder().region(region).httpClient(http)
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (config.baseUrl() != null && !config.baseUrl().isBlank()) {
      builder.endpointOverride(endpoint);
    }
    this.bedrock = builder.build();
    this.starter = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bedrock-request");
      t.setDaemon(true);
      return t;
    });
    this.transport = new BedrockRoundTransport(bedrock, trimSlash(endpoint.toString()), starter);
  }

  /** Region from aws.region / AWS_REGION or the profile first: the full chain may ask EC2 metadata over the network. */
  private static Region region() {
    try {
      return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()).getRegion();
    } catch (SdkClientException e) {
      try {
        return DefaultAwsRegionProviderChain.builder().build().getRegion();
      } catch (SdkClientException again) {
        throw new IllegalArgumentException("no AWS region for Bedrock: set AWS_REGION (e.g. us-east-1) "
            + "or a region in ~/.aws/config");
      }
    }
  }

  private static URI endpoint(LlmConfig config, Region region) {
    if (config.baseUrl() == null || config.baseUrl().isBlank()) {
      return URI.create("https://bedrock-runtime." + region.id() + ".amazonaws.com");
    }
    try {
      URI uri = URI.create(trimSlash(config.baseUrl()));
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Bedrock endpoint URL '" + config.baseUrl() + "'");
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public LlmCall stream(LlmRequest request, Consumer<LlmEvent> events) {
    return TurnLoop.start(vertx, config, transport, toolbox, request, events);
  }

  @Override
  public String provider() {
    return config.provider();
  }

  @Override
  public void close() {
    // Netty's event loops shut down gracefully (about 2 s): not on the caller's thread.
    if (!starter.isShutdown()) {
      starter.execute(() -> {
        bedrock.close();
        http.close();
      });
      starter.shutdown();
    }
    if (toolHttp != null) {
      toolHttp.close();
    }
  }
}
