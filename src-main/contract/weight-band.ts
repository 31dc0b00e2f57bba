// The weight band a parcel must weigh inside: one rule, used by the bench (to judge the scale) and
// by the core (to accept the parcel), so the two can never disagree on an edge.

export interface WeightTolerance {
  /** Grams either side of the expected weight. */
  toleranceG: number;
  /** Percent of the expected weight either side. */
  tolerancePct: number;
}

export interface WeightBand {
  expectedG: number;
  minG: number;
  maxG: number;
}

/**
 * Expected weight -> the band it may weigh: the larger of the gram and the percent tolerance (a
 * 100 g parcel would be unpackable with 5 % alone). The lower limit is at least 1 g, so an empty
 * scale never passes for a parcel, however light.
 */
export function weightBand(expectedG: number, t: WeightTolerance): WeightBand {
  const band = Math.max(t.toleranceG, Math.round((expectedG * t.tolerancePct) / 100));
  return { expectedG, minG: Math.max(1, expectedG - band), maxG: expectedG + band };
}

/** True when a reading lies inside the band (both edges included). */
export const insideBand = (b: WeightBand, grams: number) => grams >= b.minG && grams <= b.maxG;
