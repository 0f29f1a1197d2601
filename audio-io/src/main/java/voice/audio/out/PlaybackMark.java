package voice.audio.out;

/** A point in the sink's frames where something was fully played: a chunk's end or a turn's. */
record PlaybackMark(TurnPlayback turn, int chunkIndex, long frame, boolean turnEnd) {}
