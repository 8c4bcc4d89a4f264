package dev.kizuna.signaling.memo.impl;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/** Base58 with the Bitcoin alphabet and a 4-byte double-SHA-256 checksum, as bs58check. */
public final class Base58Check {

  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEXES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58Check() {}

  /** {@code payload} followed by its checksum, in base58. */
  public static String encode(byte[] payload) {
    byte[] checksum = checksum(payload);
    byte[] data = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(checksum, 0, data, payload.length, 4);
    return encodeBase58(data);
  }

  /** The payload of a base58check string, or empty when it is not one or its checksum is wrong. */
  public static Optional<byte[]> decode(String text) {
    byte[] data = decodeBase58(text);
    if (data == null || data.length < 4) {
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOf(data, data.length - 4);
    byte[] checksum = checksum(payload);
    for (int i = 0; i < 4; i++) {
      if (checksum[i] != data[payload.length + i]) {
        return Optional.empty();
      }
    }
    return Optional.of(payload);
  }

  static String encodeBase58(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    StringBuilder out = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    out.append("1".repeat(zeros));
    return out.reverse().toString();
  }

  static byte[] decodeBase58(String text) {
    if (text.isEmpty()) {
      return null;
    }
    BigInteger n = BigInteger.ZERO;
    int zeros = 0;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        return null;
      }
      if (leading && digit == 0) {
        zeros++;
      } else {
        leading = false;
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
    int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
    byte[] out = new byte[zeros + magnitude.length - skip];
    System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
    return out;
  }

  private static byte[] checksum(byte[] payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return sha.digest(sha.digest(payload));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
