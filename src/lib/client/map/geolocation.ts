/**
 * "Use my location": one fresh fix from the device (GPS where it has one), or the reason there is none in
 * words a person can act on. Works with no network: GPS needs no signal.
 */

export type DeviceFix =
	{ ok: true; lat: number; lon: number; accuracyM: number } | { ok: false; error: string };

const OTHER_WAYS = 'pick the place on the map or type a grid reference';

export const FIX_ERRORS = {
	unsupported: `This device cannot give its location: ${OTHER_WAYS}`,
	denied: `Fellside is not allowed to use this device's location. Allow it in the browser's settings, or ${OTHER_WAYS}`,
	unavailable: `This device could not find where it is. Try again with a clear view of the sky, or ${OTHER_WAYS}`,
	timeout: `Finding this device's location took too long. Try again, or ${OTHER_WAYS}`
} as const;

/** GPS can take half a minute to settle after a cold start on a hillside. */
const FIX_TIMEOUT_MS = 30_000;

export function deviceFix(
	geolocation: Geolocation | undefined = globalThis.navigator?.geolocation
): Promise<DeviceFix> {
	if (!geolocation) return Promise.resolve({ ok: false, error: FIX_ERRORS.unsupported });
	return new Promise((resolve) => {
		geolocation.getCurrentPosition(
			(position) =>
				resolve({
					ok: true,
					lat: position.coords.latitude,
					lon: position.coords.longitude,
					accuracyM: Math.round(position.coords.accuracy)
				}),
			(error) => resolve({ ok: false, error: fixError(error.code) }),
			// A cached fix may be from the last valley: always ask for a fresh, precise one.
			{ enableHighAccuracy: true, timeout: FIX_TIMEOUT_MS, maximumAge: 0 }
		);
	});
}

/** GeolocationPositionError codes: 1 permission denied, 2 position unavailable, 3 timeout. */
export function fixError(code: number): string {
	if (code === 1) return FIX_ERRORS.denied;
	if (code === 3) return FIX_ERRORS.timeout;
	return FIX_ERRORS.unavailable;
}

/**
 * How far off a pin put on the map may be: about the width of a fingertip's uncertainty (10 px) at the zoom
 * it was placed, in metres on the ground (Web Mercator: 156 543 m per pixel at zoom 0 on the equator).
 */
export function pinAccuracyM(lat: number, zoom: number): number {
	const metresPerPixel = (156_543.034 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom;
	return Math.max(1, Math.round(metresPerPixel * 10));
}
