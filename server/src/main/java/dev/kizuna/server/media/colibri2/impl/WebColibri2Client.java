package dev.kizuna.server.media.colibri2.impl;

import dev.kizuna.server.media.colibri2.Colibri2Client;
import dev.kizuna.server.media.colibri2.Colibri2Exception;
import dev.kizuna.server.media.colibri2.IceTransport;
import dev.kizuna.server.media.colibri2.Media;
import dev.kizuna.server.media.colibri2.MediaSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Colibri2Client} on vertx-web-client. */
public final class WebColibri2Client implements Colibri2Client {

  private static final String CONFERENCES = "/colibri/v2/conferences";
  private static final int EXCERPT = 200;

  private final WebClient web;
  private final String base;
  private final long timeoutMillis;

  public WebColibri2Client(Vertx vertx, URI baseUrl, Duration timeout) {
    this.web = WebClient.create(vertx);
    String url = baseUrl.toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public Future<Map<String, IceTransport>> createConference(String meetingId, String name, List<String> endpointIds,
      List<Media> media) {
    JsonObject body = new JsonObject()
        .put("meeting-id", meetingId)
        .put("name", name)
        .put("create", true)
        .put("endpoints", newEndpoints(endpointIds, media));
    return send(HttpMethod.POST, CONFERENCES, body).map(answer -> transports(answer, endpointIds));
  }

  @Override
  public Future<Map<String, IceTransport>> addEndpoints(String meetingId, List<String> endpointIds, List<Media> media) {
    JsonObject body = new JsonObject().put("meeting-id", meetingId).put("endpoints", newEndpoints(endpointIds, media));
    return send(HttpMethod.PATCH, conference(meetingId), body).map(answer -> transports(answer, endpointIds));
  }

  @Override
  public Future<Void> updateEndpoint(String meetingId, String endpointId, IceTransport transport,
      List<MediaSource> sources) {
    JsonObject endpoint = new JsonObject()
        .put("id", endpointId)
        .put("transport", new JsonObject().put("transport", transport.toJson()))
        .put("sources", new JsonArray(sources.stream().map(MediaSource::toJson).toList()));
    return patchEndpoint(meetingId, endpoint);
  }

  @Override
  public Future<Void> expireEndpoint(String meetingId, String endpointId) {
    return patchEndpoint(meetingId, new JsonObject().put("id", endpointId).put("expire", true));
  }

  @Override
  public Future<Void> expireConference(String meetingId) {
    return send(HttpMethod.PATCH, conference(meetingId), new JsonObject().put("meeting-id", meetingId).put("expire", true))
        .mapEmpty();
  }

  private Future<Void> patchEndpoint(String meetingId, JsonObject endpoint) {
    JsonObject body = new JsonObject().put("meeting-id", meetingId).put("endpoints", new JsonArray().add(endpoint));
    return send(HttpMethod.PATCH, conference(meetingId), body).mapEmpty();
  }

  private static String conference(String meetingId) {
    return CONFERENCES + "/" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8);
  }

  /** Endpoints to create: the bridge is ICE-controlling, as with Jicofo. */
  private static JsonArray newEndpoints(List<String> ids, List<Media> media) {
    JsonArray medias = new JsonArray(media.stream().map(Media::toJson).toList());
    return new JsonArray(ids.stream().<Object>map(id -> new JsonObject()
        .put("id", id)
        .put("create", true)
        .put("medias", medias.copy())
        .put("transport", new JsonObject().put("ice-controlling", true))).toList());
  }

  /** Each requested endpoint's {@code transport.transport} from the bridge's answer. */
  private static Map<String, IceTransport> transports(JsonObject answer, List<String> ids) {
    Map<String, IceTransport> result = new LinkedHashMap<>();
    try {
      for (Object o : answer.getJsonArray("endpoints", new JsonArray())) {
        JsonObject endpoint = (JsonObject) o;
        JsonObject transport = endpoint.getJsonObject("transport", new JsonObject()).getJsonObject("transport");
        if (transport != null) {
          result.put(endpoint.getString("id"), IceTransport.fromJson(transport));
        }
      }
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new Colibri2Exception(200, "colibri2: unreadable endpoint in the bridge's answer: " + e.getMessage(), e);
    }
    for (String id : ids) {
      if (!result.containsKey(id)) {
        throw new Colibri2Exception(200, "colibri2: the bridge's answer has no transport for endpoint " + id, null);
      }
    }
    return result;
  }

  private Future<JsonObject> send(HttpMethod method, String path, JsonObject body) {
    return web.requestAbs(method, base + path)
        .timeout(timeoutMillis)
        .putHeader("Accept", "application/json")
        .sendJsonObject(body)
        .recover(e -> Future.failedFuture(new Colibri2Exception(0,
            "colibri2 " + method + " " + path + ": no answer from the bridge at " + base + " (" + e.getMessage() + ")", e)))
        .compose(response -> answer(method, path, response));
  }

  private static Future<JsonObject> answer(HttpMethod method, String path, HttpResponse<Buffer> response) {
    String text = response.bodyAsString() == null ? "" : response.bodyAsString();
    if (response.statusCode() / 100 != 2) {
      return Future.failedFuture(new Colibri2Exception(response.statusCode(),
          "colibri2 " + method + " " + path + " answered " + response.statusCode() + ": " + excerpt(text), null));
    }
    if (text.isBlank()) {
      return Future.succeededFuture(new JsonObject());
    }
    try {
      return Future.succeededFuture(new JsonObject(text));
    } catch (DecodeException e) {
      return Future.failedFuture(new Colibri2Exception(response.statusCode(),
          "colibri2 " + method + " " + path + " answered no JSON object: " + excerpt(text), e));
    }
  }

  private static String excerpt(String text) {
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
  }
}
