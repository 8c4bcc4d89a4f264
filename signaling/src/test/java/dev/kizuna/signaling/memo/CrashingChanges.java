package dev.kizuna.signaling.memo;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Two Automerge change chunks with valid checksums whose operations make automerge 0.5.7 panic
 * while applying them ({@code automerge.rs:856}, found by mutating real changes); a panic inside
 * JNI aborts the JVM. Used to prove that such changes only kill the guard process.
 */
public final class CrashingChanges {

  public static final byte[] CHUNKS = HexFormat.of().parseHex(
      "856f4a8329472c4501370010d387629cd28d4e73a61d0cf201987a2d0101000000061509340142035603570170027e05"
      + "6e6f746573016e027e04017e0014030200856f4a83499ba3620190010129472c451e6531f907fda3d2200371d0e4534c"
      + "bb73294fbb8a5e8b2588f68aa010d387629cd28d4e73a61d0cf201987a2d02030000000a0106020611061309150c3404"
      + "42055605570d70020b0000027f000b0100027f0f00010a7900037e0003090100027f74000b7e016b046c697374000100"
      + "0b02010c017e02010c167e001468656c6c6f20776f726c6476050e00");

  private CrashingChanges() {}

  /** A v1 sync message (no heads, need or have) carrying the chunks as one change. */
  public static byte[] syncMessage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x42, 0, 0, 0, 1});
    int n = CHUNKS.length;
    while (n >= 0x80) {
      out.write((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.write(n);
    out.writeBytes(CHUNKS);
    return out.toByteArray();
  }
}
