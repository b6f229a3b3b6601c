export type LocationError = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export type Located =
  | { ok: true; latitude: number; longitude: number; accuracyM: number }
  | { ok: false; error: LocationError };

/** GeolocationPositionError's codes: 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT. */
export function locationErrorOf(code: number): LocationError {
  if (code === 1) return 'denied';
  if (code === 3) return 'timeout';
  return 'unavailable';
}

/**
 * The browser's position for a check-in. Never rejects: a check-in without a position is still
 * recorded (and flagged), so the caller needs the reason, not an exception. Browsers only offer
 * geolocation on secure pages (https or localhost); elsewhere it is "unsupported".
 */
export function locate(
  geo: Pick<Geolocation, 'getCurrentPosition'> | undefined,
  secure: boolean,
  timeoutMs = 20_000,
): Promise<Located> {
  if (!geo || !secure) return Promise.resolve({ ok: false, error: 'unsupported' });
  return new Promise((resolve) => {
    geo.getCurrentPosition(
      (pos) =>
        resolve({
          ok: true,
          latitude: pos.coords.latitude,
          longitude: pos.coords.longitude,
          accuracyM: Math.round(pos.coords.accuracy),
        }),
      (err) => resolve({ ok: false, error: locationErrorOf(err.code) }),
      // A fresh fix: a cached one from the office would place every check-in at the office.
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}

/** Metres under a kilometre, kilometres with one decimal beyond (ten and more rounded). */
export function distanceParts(meters: number): { value: string; unit: 'm' | 'km' } {
  if (meters < 1000) return { value: String(Math.round(meters)), unit: 'm' };
  const km = meters / 1000;
  return { value: km >= 10 ? String(Math.round(km)) : km.toFixed(1), unit: 'km' };
}
