package dev.kizuna.server.media;

/** When a room leaves peer-to-peer media for the bridge. */
public interface SwitchRule {

  /** From the first participant on ({@code bridge} mode). */
  SwitchRule ALWAYS = new SwitchRule() {
    @Override
    public boolean onJoin(int participants) {
      return true;
    }

    @Override
    public boolean onIceFailed() {
      return true;
    }
  };

  /** When a third participant joins (2on1) or P2P ICE failed ({@code auto} mode). */
  SwitchRule AUTO = new SwitchRule() {
    @Override
    public boolean onJoin(int participants) {
      return participants > 2;
    }

    @Override
    public boolean onIceFailed() {
      return true;
    }
  };

  /** Whether a room now holding {@code participants} (the newcomer included) moves to the bridge. */
  boolean onJoin(int participants);

  /** Whether a room moves to the bridge when a browser reports that P2P ICE failed. */
  boolean onIceFailed();
}
