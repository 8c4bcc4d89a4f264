package dev.kizuna.server.db;

import com.mongodb.MongoException;

/** Reading MongoDB's errors as they reach the repositories through the Vert.x client. */
public final class MongoErrors {

  /** MongoDB's error code for a write that breaks a unique index. */
  private static final int DUPLICATE_KEY = 11000;

  private MongoErrors() {}

  /**
   * Whether {@code e} is a duplicate-key error: code 11000, or, where a client wraps it into a plain
   * exception, a message carrying {@code E11000}.
   */
  public static boolean isDuplicateKey(Throwable e) {
    return e instanceof MongoException me && me.getCode() == DUPLICATE_KEY
        || e != null && e.getMessage() != null && e.getMessage().contains("E11000");
  }
}
