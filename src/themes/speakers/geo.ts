/** Mean Earth radius (IUGG), in km. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Both coordinates, or null when either is missing: a place without them has no known distance. */
export function coordinatesOf(place: {
  latitude: number | null;
  longitude: number | null;
}): Coordinates | null {
  if (place.latitude === null || place.longitude === null) return null;
  return { latitude: place.latitude, longitude: place.longitude };
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance ("as the crow flies") between two points, in km (haversine formula). */
export function greatCircleKm(from: Coordinates, to: Coordinates): number {
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The distance between two places, or null (never 0) when either lacks coordinates. */
export function distanceKm(
  from: { latitude: number | null; longitude: number | null },
  to: { latitude: number | null; longitude: number | null },
): number | null {
  const a = coordinatesOf(from);
  const b = coordinatesOf(to);
  return a && b ? greatCircleKm(a, b) : null;
}

/**
 * Travel cost of one intervention: a round trip (2 × the great-circle distance) at the per-km
 * rate, rounded to the cent. Null when the distance is unknown.
 */
export function travelCents(distance: number | null, centsPerKm: number): number | null {
  return distance === null ? null : Math.round(2 * distance * centsPerKm);
}
