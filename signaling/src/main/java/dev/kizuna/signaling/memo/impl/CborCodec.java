package dev.kizuna.signaling.memo.impl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import dev.kizuna.signaling.memo.DecodeResult;
import dev.kizuna.signaling.memo.DecodeResult.Invalid;
import dev.kizuna.signaling.memo.DecodeResult.Problem;
import dev.kizuna.signaling.memo.DocumentId;
import dev.kizuna.signaling.memo.RepoCodec;
import dev.kizuna.signaling.memo.RepoMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jackson CBOR behind {@link RepoCodec}: a bounded generic reader, then per-type field checks. */
public final class CborCodec {

  /** Longest peer id, session id or storage id accepted. */
  static final int MAX_ID_LENGTH = 256;

  private static final CBORFactory FACTORY = CBORFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(RepoCodec.MAX_DEPTH + 1).build())
      .build();

  private CborCodec() {}

  /** Thrown inside the decoder only; never escapes {@link #decode}. */
  private static final class Refusal extends Exception {
    final Problem problem;

    Refusal(Problem problem, String detail) {
      super(detail, null, false, false);
      this.problem = problem;
    }
  }

  public static DecodeResult decode(byte[] frame, int maxBytes) {
    if (frame == null || frame.length == 0) {
      return new Invalid(Problem.MALFORMED_CBOR, "empty message");
    }
    if (frame.length > maxBytes) {
      return new Invalid(Problem.TOO_LARGE, "messages are limited to " + maxBytes + " bytes");
    }
    if (!textIsUtf8(frame)) {
      return new Invalid(Problem.MALFORMED_CBOR, "a text string is not valid UTF-8");
    }
    Object root;
    try (JsonParser parser = FACTORY.createParser(frame)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Invalid(Problem.MALFORMED_CBOR, "no CBOR item");
      }
      root = readValue(parser, first, 0);
      if (parser.nextToken() != null) {
        return new Invalid(Problem.MALFORMED_CBOR, "trailing bytes after the message");
      }
    } catch (Refusal r) {
      return new Invalid(r.problem, r.getMessage());
    } catch (IOException | RuntimeException e) {
      return new Invalid(Problem.MALFORMED_CBOR, "not well-formed CBOR");
    }
    if (!(root instanceof Map<?, ?> map)) {
      return new Invalid(Problem.BAD_MESSAGE, "a message must be a CBOR map");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) map;
    try {
      return new DecodeResult.Decoded(toMessage(fields));
    } catch (Refusal r) {
      return new Invalid(r.problem, r.getMessage());
    }
  }

  /**
   * Whether every text string in {@code frame} (keys included) is strict UTF-8. Jackson decodes
   * overlong forms, surrogates and code points past U+10FFFF into strings that cannot be encoded
   * again, so the error that echoes them would fail; RFC 8949 makes such text ill-formed anyway.
   * CBOR heads follow each other in order whatever the nesting, so one flat pass sees every text
   * string; structure, truncation and everything else are left to the parser.
   */
  static boolean textIsUtf8(byte[] frame) {
    int pos = 0;
    while (pos < frame.length) {
      int initial = frame[pos++] & 0xff;
      int major = initial >>> 5;
      int info = initial & 0x1f;
      long argument;
      if (info < 24) {
        argument = info;
      } else if (info <= 27) {
        int size = 1 << (info - 24);
        if (size > frame.length - pos) {
          return true;
        }
        argument = 0;
        for (int i = 0; i < size; i++) {
          argument = argument << 8 | (frame[pos++] & 0xff);
        }
      } else {
        // Reserved, or an indefinite length or break whose chunks come as heads of their own.
        continue;
      }
      if (major == 2 || major == 3) {
        if (argument < 0 || argument > frame.length - pos) {
          return true;
        }
        if (major == 3 && !isUtf8(frame, pos, (int) argument)) {
          return false;
        }
        pos += (int) argument;
      }
    }
    return true;
  }

  private static boolean isUtf8(byte[] bytes, int offset, int length) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static Object readValue(JsonParser p, JsonToken token, int depth) throws IOException, Refusal {
    switch (token) {
      case START_OBJECT -> {
        if (depth >= RepoCodec.MAX_DEPTH) {
          throw new Refusal(Problem.MALFORMED_CBOR, "nested too deeply");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          map.put(name, readValue(p, p.nextToken(), depth + 1));
        }
        if (t != JsonToken.END_OBJECT) {
          throw new Refusal(Problem.MALFORMED_CBOR, "unterminated map");
        }
        return map;
      }
      case START_ARRAY -> {
        if (depth >= RepoCodec.MAX_DEPTH) {
          throw new Refusal(Problem.MALFORMED_CBOR, "nested too deeply");
        }
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new Refusal(Problem.MALFORMED_CBOR, "unterminated array");
          }
          list.add(readValue(p, t, depth + 1));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_EMBEDDED_OBJECT -> {
        Object embedded = p.getEmbeddedObject();
        if (embedded instanceof byte[] bytes) {
          return bytes;
        }
        if (embedded == null) {
          return null;
        }
        throw new Refusal(Problem.BAD_MESSAGE, "unsupported CBOR value");
      }
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          BigInteger big = p.getBigIntegerValue();
          return big.bitLength() < 64 ? (Object) big.longValue() : big.doubleValue();
        }
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new Refusal(Problem.MALFORMED_CBOR, "unexpected CBOR token " + token);
    }
  }

  private static RepoMessage toMessage(Map<String, Object> f) throws Refusal {
    Object type = f.get("type");
    if (!(type instanceof String t)) {
      throw new Refusal(Problem.BAD_MESSAGE, "a message needs a string 'type'");
    }
    return switch (t) {
      case "join" -> new RepoMessage.Join(id(f, "senderId"), optionalMap(f, "peerMetadata"),
          optionalStrings(f, "supportedProtocolVersions"));
      case "peer" -> new RepoMessage.Peer(id(f, "senderId"), id(f, "targetId"), optionalMap(f, "peerMetadata"),
          string(f, "selectedProtocolVersion"));
      case "leave" -> new RepoMessage.Leave(id(f, "senderId"));
      case "sync" -> new RepoMessage.Sync(id(f, "senderId"), id(f, "targetId"), documentId(f), bytes(f, "data"));
      case "request" -> new RepoMessage.Request(id(f, "senderId"), id(f, "targetId"), documentId(f),
          bytes(f, "data"));
      case "doc-unavailable" -> new RepoMessage.DocUnavailable(id(f, "senderId"), id(f, "targetId"),
          documentId(f));
      case "ephemeral" -> new RepoMessage.Ephemeral(id(f, "senderId"), id(f, "targetId"), documentId(f),
          id(f, "sessionId"), count(f), bytes(f, "data"));
      case "error" -> new RepoMessage.Error(id(f, "senderId"), optionalId(f, "targetId"), string(f, "message"),
          f.get("code") instanceof String code ? code : null);
      case "remote-subscription-change" -> new RepoMessage.RemoteSubscriptionChange(id(f, "senderId"),
          id(f, "targetId"), optionalStrings(f, "add"), optionalStrings(f, "remove"));
      case "remote-heads-changed" -> new RepoMessage.RemoteHeadsChanged(id(f, "senderId"), id(f, "targetId"),
          documentId(f), optionalMap(f, "newHeads"));
      default -> throw new Refusal(Problem.UNKNOWN_TYPE, "unknown message type '" + abbreviate(t) + "'");
    };
  }

  private static String string(Map<String, Object> f, String name) throws Refusal {
    if (!(f.get(name) instanceof String s)) {
      throw new Refusal(Problem.BAD_MESSAGE, "'" + name + "' must be a string");
    }
    return s;
  }

  private static String id(Map<String, Object> f, String name) throws Refusal {
    String s = string(f, name);
    if (s.isEmpty() || s.length() > MAX_ID_LENGTH) {
      throw new Refusal(Problem.BAD_MESSAGE, "'" + name + "' must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    return s;
  }

  private static String optionalId(Map<String, Object> f, String name) throws Refusal {
    return f.get(name) == null ? null : id(f, name);
  }

  private static byte[] bytes(Map<String, Object> f, String name) throws Refusal {
    if (!(f.get(name) instanceof byte[] b)) {
      throw new Refusal(Problem.BAD_MESSAGE, "'" + name + "' must be a byte string");
    }
    return b;
  }

  private static long count(Map<String, Object> f) throws Refusal {
    if (!(f.get("count") instanceof Long n) || n < 0) {
      throw new Refusal(Problem.BAD_MESSAGE, "'count' must be a non-negative integer");
    }
    return n;
  }

  private static DocumentId documentId(Map<String, Object> f) throws Refusal {
    if (!(f.get("documentId") instanceof String s)) {
      throw new Refusal(Problem.BAD_MESSAGE, "'documentId' must be a string");
    }
    return DocumentId.parse(s).orElseThrow(() -> new Refusal(Problem.BAD_DOCUMENT_ID,
        "'" + abbreviate(s) + "' is not an automerge document id"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> optionalMap(Map<String, Object> f, String name) throws Refusal {
    Object v = f.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new Refusal(Problem.BAD_MESSAGE, "'" + name + "' must be a map");
    }
    return (Map<String, Object>) m;
  }

  private static List<String> optionalStrings(Map<String, Object> f, String name) throws Refusal {
    Object v = f.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list) || !list.stream().allMatch(e -> e instanceof String)) {
      throw new Refusal(Problem.BAD_MESSAGE, "'" + name + "' must be an array of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }

  private static String abbreviate(String s) {
    return abbreviate(s, 64);
  }

  /**
   * {@code s} cut to at most {@code max} characters plus "...", never between the two halves of
   * a surrogate pair (a lone half cannot be encoded as UTF-8).
   */
  static String abbreviate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end) + "...";
  }

  // ------------------------------------------------------------------ encoding

  public static byte[] encode(RepoMessage message) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", message.type());
    fields.put("senderId", message.senderId());
    if (message instanceof RepoMessage.Join m) {
      fields.put("peerMetadata", m.peerMetadata());
      fields.put("supportedProtocolVersions", m.supportedProtocolVersions());
    } else if (message instanceof RepoMessage.Peer m) {
      fields.put("targetId", m.targetId());
      fields.put("peerMetadata", m.peerMetadata());
      fields.put("selectedProtocolVersion", m.selectedProtocolVersion());
    } else if (message instanceof RepoMessage.Sync m) {
      fields.put("targetId", m.targetId());
      fields.put("documentId", m.documentId().value());
      fields.put("data", m.data());
    } else if (message instanceof RepoMessage.Request m) {
      fields.put("targetId", m.targetId());
      fields.put("documentId", m.documentId().value());
      fields.put("data", m.data());
    } else if (message instanceof RepoMessage.DocUnavailable m) {
      fields.put("targetId", m.targetId());
      fields.put("documentId", m.documentId().value());
    } else if (message instanceof RepoMessage.Ephemeral m) {
      fields.put("targetId", m.targetId());
      fields.put("documentId", m.documentId().value());
      fields.put("sessionId", m.sessionId());
      fields.put("count", m.count());
      fields.put("data", m.data());
    } else if (message instanceof RepoMessage.Error m) {
      fields.put("targetId", m.targetId());
      fields.put("message", m.message());
      fields.put("code", m.code());
    } else if (message instanceof RepoMessage.RemoteSubscriptionChange m) {
      fields.put("targetId", m.targetId());
      fields.put("add", m.add());
      fields.put("remove", m.remove());
    } else if (message instanceof RepoMessage.RemoteHeadsChanged m) {
      fields.put("targetId", m.targetId());
      fields.put("documentId", m.documentId().value());
      fields.put("newHeads", m.newHeads());
    }
    // Leave: type and senderId only
    fields.values().removeIf(v -> v == null);
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + dataLength(message));
    try (CBORGenerator g = (CBORGenerator) FACTORY.createGenerator(out)) {
      writeValue(g, fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int dataLength(RepoMessage message) {
    if (message instanceof RepoMessage.Sync m) {
      return m.data().length;
    }
    if (message instanceof RepoMessage.Request m) {
      return m.data().length;
    }
    return message instanceof RepoMessage.Ephemeral m ? m.data().length : 0;
  }

  private static void writeValue(CBORGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof byte[] b) {
      g.writeBinary(b);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer n) {
      g.writeNumber(n);
    } else if (value instanceof Long n) {
      g.writeNumber(n);
    } else if (value instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject(map, map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray(list, list.size());
      for (Object e : list) {
        writeValue(g, e);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("cannot encode " + value.getClass());
    }
  }
}
