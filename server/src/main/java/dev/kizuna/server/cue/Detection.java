package dev.kizuna.server.cue;

/**
 * A cue the detector found, before rate limiting.
 *
 * @param reason machine-readable, e.g. {@code manager-share=0.62}
 * @param args values for the cue's text: TALK_SHARE the share in percent; TIME_LEFT minutes
 *     left and items left
 */
record Detection(CueKind kind, String reason, Object... args) {}
