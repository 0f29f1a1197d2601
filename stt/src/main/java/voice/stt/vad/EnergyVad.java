package voice.stt.vad;

/**
 * Voice activity from frame energy against an adaptive noise floor.
 *
 * <p>The floor follows quiet frames quickly and loud ones slowly, so steady background noise
 * becomes the floor within seconds while speech (which always has pauses) does not. A frame is
 * voiced when it is {@code onsetDb} above the floor; once speech is established (a few voiced
 * frames in a row) the bar drops to {@code offsetDb}, so the soft ends of words stay voiced.
 * An absolute minimum keeps near-silence (dither, a quiet room) from ever counting.
 */
public final class EnergyVad {
  private static final double FLOOR_DOWN_RATE = 0.15;
  private static final double FLOOR_UP_RATE = 0.004;

  private final Settings settings;
  private double floorDb = Double.NaN;
  private double lastEnergyDb;
  private boolean established;
  private int voicedRun;
  private int quietRun;

  /** Thresholds in dB; {@code onsetFrames} voiced frames in a row establish speech. */
  public record Settings(double onsetDb, double offsetDb, double minEnergyDb, int onsetFrames, int hangoverFrames) {
    public static final Settings DEFAULT = new Settings(11, 6, 36, 3, 15);
  }

  public EnergyVad() {
    this(Settings.DEFAULT);
  }

  public EnergyVad(Settings settings) {
    this.settings = settings;
  }

  /** Classifies one frame (10–30 ms of 16 kHz audio) and updates the noise floor. */
  public boolean isVoiced(short[] pcm, int off, int len) {
    double energy = energyDb(pcm, off, len);
    lastEnergyDb = energy;
    if (Double.isNaN(floorDb)) {
      floorDb = energy;
    }
    double bar = floorDb + (established ? settings.offsetDb() : settings.onsetDb());
    boolean voiced = energy > bar && energy > settings.minEnergyDb();
    if (voiced) {
      voicedRun++;
      quietRun = 0;
      if (voicedRun >= settings.onsetFrames()) {
        established = true;
      }
    } else {
      voicedRun = 0;
      if (++quietRun >= settings.hangoverFrames()) {
        established = false;
      }
    }
    floorDb += (energy - floorDb) * (energy < floorDb ? FLOOR_DOWN_RATE : FLOOR_UP_RATE);
    return voiced;
  }

  public double noiseFloorDb() {
    return floorDb;
  }

  public double lastEnergyDb() {
    return lastEnergyDb;
  }

  /** Forgets everything, including the noise floor. */
  public void reset() {
    floorDb = Double.NaN;
    established = false;
    voicedRun = 0;
    quietRun = 0;
  }

  /** RMS level in dB relative to one 16-bit step; digital silence is 0 dB. */
  static double energyDb(short[] pcm, int off, int len) {
    if (len == 0) {
      return 0;
    }
    double sum = 0;
    double mean = 0;
    for (int i = off; i < off + len; i++) {
      mean += pcm[i];
    }
    mean /= len;
    for (int i = off; i < off + len; i++) {
      double centered = pcm[i] - mean; // a DC offset is not voice
      sum += centered * centered;
    }
    double rms = Math.sqrt(sum / len);
    return rms <= 1 ? 0 : 20 * Math.log10(rms);
  }
}
