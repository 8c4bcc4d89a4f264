package dev.kizuna.summarizer;

/**
 * One item of the member's agenda, in the order it was set.
 *
 * @param topic the topic key (WORK, CAREER, ... or a custom one); the server owns the enum
 * @param expectation the response expected from the manager (LISTEN, OPINION, ...), may be null
 * @param note the member's short pre-meeting note, may be empty or null
 */
public record AgendaEntry(String topic, String expectation, String note) {}
