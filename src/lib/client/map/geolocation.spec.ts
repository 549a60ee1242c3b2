import { describe, expect, it } from 'vitest';
import { deviceFix, FIX_ERRORS, fixError, pinAccuracyM } from './geolocation';

function fakeGeolocation(answer: { coords: Partial<GeolocationCoordinates> } | { code: number }): {
	geolocation: Geolocation;
	options: PositionOptions[];
} {
	const options: PositionOptions[] = [];
	const geolocation = {
		getCurrentPosition(
			success: PositionCallback,
			failure?: PositionErrorCallback | null,
			opts?: PositionOptions
		) {
			options.push(opts ?? {});
			if ('coords' in answer) success({ coords: answer.coords, timestamp: 0 } as GeolocationPosition);
			else failure?.({ code: answer.code, message: '' } as GeolocationPositionError);
		}
	} as unknown as Geolocation;
	return { geolocation, options };
}

describe("this device's location", () => {
	it('gives the fix with its accuracy in whole metres, asking for a fresh precise one', async () => {
		const { geolocation, options } = fakeGeolocation({
			coords: { latitude: 54.6, longitude: -3.13, accuracy: 12.4 }
		});
		expect(await deviceFix(geolocation)).toEqual({ ok: true, lat: 54.6, lon: -3.13, accuracyM: 12 });
		expect(options[0]).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });
	});

	it('says why there is no fix, and what to do instead', async () => {
		expect(await deviceFix(fakeGeolocation({ code: 1 }).geolocation)).toEqual({
			ok: false,
			error: FIX_ERRORS.denied
		});
		expect(await deviceFix(undefined)).toEqual({ ok: false, error: FIX_ERRORS.unsupported });
		expect(fixError(2)).toBe(FIX_ERRORS.unavailable);
		expect(fixError(3)).toBe(FIX_ERRORS.timeout);
		for (const message of Object.values(FIX_ERRORS)) expect(message).toMatch(/grid reference$/);
	});

	it('gives a pin on the map an accuracy that shrinks as the map zooms in', () => {
		// At Keswick's latitude a pixel is about 90 m at zoom 10 and under 1 m at zoom 17.
		expect(pinAccuracyM(54.6, 10)).toBe(886);
		expect(pinAccuracyM(54.6, 17)).toBe(7);
		expect(pinAccuracyM(54.6, 22)).toBe(1);
	});
});
