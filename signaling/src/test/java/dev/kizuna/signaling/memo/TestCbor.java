package dev.kizuna.signaling.memo;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes arbitrary CBOR maps, for frames no {@link RepoMessage} would produce. */
final class TestCbor {

  private static final CBORFactory FACTORY = new CBORFactory();

  private TestCbor() {}

  static byte[] encode(Map<String, Object> map) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CBORGenerator g = (CBORGenerator) FACTORY.createGenerator(out)) {
      write(g, map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(CBORGenerator g, Object v) throws IOException {
    if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(e.getKey().toString());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof byte[] b) {
      g.writeBinary(b);
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long n) {
      g.writeNumber(n);
    } else if (v instanceof Integer n) {
      g.writeNumber(n);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v == null) {
      g.writeNull();
    } else {
      throw new IllegalArgumentException(v.getClass().toString());
    }
  }
}
