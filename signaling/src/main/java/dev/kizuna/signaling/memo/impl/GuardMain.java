package dev.kizuna.signaling.memo.impl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.automerge.Document;

/**
 * The process behind {@link ChangeGuard}: holds a replica of each guarded document and applies
 * incoming changes to it first. If a crafted change makes the native library panic, this process
 * dies instead of the server. Frames on stdin: op (1 byte), document id (UTF), length (int),
 * bytes; one status byte answers each on stdout. Exits when stdin closes.
 */
public final class GuardMain {

  static final int LOAD = 'L';
  static final int APPLY = 'A';
  static final int DROP = 'D';
  static final int PING = 'P';
  static final int OK = 'O';
  static final int ERROR = 'E';
  static final int NO_REPLICA = 'N';

  private GuardMain() {}

  public static void main(String[] args) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true)); // keep stdout for frames
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    Map<String, Document> replicas = new HashMap<>();
    while (true) {
      int op = in.read();
      if (op < 0) {
        return;
      }
      String id;
      byte[] data;
      try {
        id = in.readUTF();
        data = in.readNBytes(in.readInt());
      } catch (EOFException e) {
        return;
      }
      out.write(handle(replicas, op, id, data));
      out.flush();
    }
  }

  private static int handle(Map<String, Document> replicas, int op, String id, byte[] data) {
    switch (op) {
      case LOAD -> {
        Document old = replicas.remove(id);
        if (old != null) {
          old.free();
        }
        try {
          replicas.put(id, Document.load(data));
          return OK;
        } catch (RuntimeException e) {
          return ERROR;
        }
      }
      case APPLY -> {
        Document replica = replicas.get(id);
        if (replica == null) {
          return NO_REPLICA;
        }
        try {
          replica.applyEncodedChanges(data);
          replica.getHeads();
          return OK;
        } catch (RuntimeException e) {
          // The replica may hold part of the changes now; the parent drops it.
          return ERROR;
        }
      }
      case DROP -> {
        Document old = replicas.remove(id);
        if (old != null) {
          old.free();
        }
        return OK;
      }
      default -> {
        return op == PING ? OK : ERROR;
      }
    }
  }
}
