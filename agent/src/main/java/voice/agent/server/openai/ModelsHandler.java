package voice.agent.server.openai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import voice.agent.server.access.ApiErrors;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/ID}: the one configured model, in the OpenAI
 * API's list and model shapes, which OpenAI clients ask for before they chat.
 */
public final class ModelsHandler {
  private final String model;
  private final long created = System.currentTimeMillis() / 1000;

  public ModelsHandler(String model) {
    this.model = model;
  }

  public void list(RoutingContext rc) {
    rc.json(new JsonObject().put("object", "list").put("data", new JsonArray().add(model())));
  }

  public void one(RoutingContext rc) {
    String path = rc.request().path();
    String id = java.net.URLDecoder.decode(path.substring(path.indexOf("/models/") + 8), java.nio.charset.StandardCharsets.UTF_8);
    if (model.equals(id)) {
      rc.json(model());
    } else {
      ApiErrors.send(rc.response(), 404, "the model '" + id + "' does not exist; this server has '"
          + model + "'", "invalid_request_error", "model_not_found");
    }
  }

  private JsonObject model() {
    return new JsonObject().put("id", model).put("object", "model").put("created", created).put("owned_by", "voice-agent");
  }
}
