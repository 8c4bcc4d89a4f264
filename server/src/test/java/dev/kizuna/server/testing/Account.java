package dev.kizuna.server.testing;

import io.vertx.core.json.JsonObject;

/** A user created by a test, with the password it was given. */
public record Account(String id, String email, String password, String name, JsonObject json) {}
