package dev.kizuna.server.share;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Share-link tokens: 256 random bits from {@link SecureRandom}, URL-safe Base64 without padding
 * (43 characters). Only their SHA-256 is stored, so reading the database reveals no live link;
 * lookups go by hash, so no constant-time comparison is needed.
 */
public final class ShareTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32;
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

  private ShareTokens() {}

  /** A new token. */
  public static String next() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code token} has the form {@link #next} gives (anything else cannot be a live link). */
  public static boolean wellFormed(String token) {
    return token != null && FORM.matcher(token).matches();
  }

  /** Lower-case hex SHA-256 of {@code text} (UTF-8). */
  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
