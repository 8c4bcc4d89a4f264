package dev.kizuna.server.db;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Opaque, unguessable document ids: 128 random bits as 32 hex digits. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new id. */
  public static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
