package voice.stt.echo;

/** A room's noise level: follows quiet input fast and louder input slowly, frozen while the loudspeaker plays. */
final class NoiseFloor {
  private double floorDb = Double.NaN;

  /** Takes one frame's mean square; returns the floor as a mean square. */
  double update(double energy, boolean playing) {
    double db = 10 * Math.log10(Math.max(1, energy));
    if (Double.isNaN(floorDb)) {
      floorDb = db;
    } else if (db < floorDb) {
      floorDb += (db - floorDb) * 0.15;
    } else if (!playing) {
      floorDb += (db - floorDb) * 0.004;
    }
    return Math.pow(10, floorDb / 10);
  }
}
