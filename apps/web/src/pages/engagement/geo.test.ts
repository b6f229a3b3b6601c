import { describe, expect, it } from 'vitest';
import { distanceParts, locate, locationErrorOf } from './geo';

type Success = Parameters<Geolocation['getCurrentPosition']>[0];
type Failure = NonNullable<Parameters<Geolocation['getCurrentPosition']>[1]>;

/** A stand-in for the browser's geolocation: answers as a real one does, through its callbacks. */
function geolocation(
  answer: { coords: { latitude: number; longitude: number; accuracy: number } } | { code: number },
) {
  return {
    getCurrentPosition(ok: Success, fail?: Failure | null) {
      if ('coords' in answer) ok(answer as unknown as GeolocationPosition);
      else fail?.(answer as unknown as GeolocationPositionError);
    },
  };
}

describe('locate', () => {
  it('returns the position with a rounded accuracy', async () => {
    const where = await locate(
      geolocation({ coords: { latitude: 29.87, longitude: 121.55, accuracy: 14.6 } }),
      true,
    );
    expect(where).toEqual({ ok: true, latitude: 29.87, longitude: 121.55, accuracyM: 15 });
  });

  it('turns a refusal, no signal and a timeout into the reasons the server records', async () => {
    expect(await locate(geolocation({ code: 1 }), true)).toEqual({ ok: false, error: 'denied' });
    expect(await locate(geolocation({ code: 2 }), true)).toEqual({ ok: false, error: 'unavailable' });
    expect(await locate(geolocation({ code: 3 }), true)).toEqual({ ok: false, error: 'timeout' });
  });

  it('does not ask on an insecure page or without geolocation', async () => {
    const asked: string[] = [];
    const spy = {
      getCurrentPosition() {
        asked.push('asked');
      },
    };
    expect(await locate(spy, false)).toEqual({ ok: false, error: 'unsupported' });
    expect(await locate(undefined, true)).toEqual({ ok: false, error: 'unsupported' });
    expect(asked).toEqual([]);
  });

  it('maps unknown error codes to unavailable', () => {
    expect(locationErrorOf(99)).toBe('unavailable');
  });
});

describe('distanceParts', () => {
  it('shows metres below a kilometre and kilometres above', () => {
    expect(distanceParts(0)).toEqual({ value: '0', unit: 'm' });
    expect(distanceParts(349.6)).toEqual({ value: '350', unit: 'm' });
    expect(distanceParts(999)).toEqual({ value: '999', unit: 'm' });
    expect(distanceParts(1000)).toEqual({ value: '1.0', unit: 'km' });
    expect(distanceParts(1260)).toEqual({ value: '1.3', unit: 'km' });
    expect(distanceParts(12_600)).toEqual({ value: '13', unit: 'km' });
  });
});
