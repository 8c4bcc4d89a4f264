package dev.kizuna.server.testing;

/**
 * A pair ready for meetings: a manager and a member, each logged in in their own client.
 */
public record Duo(Account manager, Account member, Api managerApi, Api memberApi, String pairId) {}
