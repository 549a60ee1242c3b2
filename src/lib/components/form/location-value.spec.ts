import { describe, expect, it } from 'vitest';
import type { FieldError } from '$lib/domain/common/errors';
import {
	describeLocation,
	emptyLocation,
	locationFromPoint,
	locationFromRecord,
	positionText,
	readLocation,
	reportFieldProblem
} from './location-value';

const KESWICK = { lat: 54.6013, lon: -3.1347 };

describe('a location field', () => {
	it('stores nothing when blank, and reads a typed grid reference with the square it names', () => {
		expect(readLocation(emptyLocation())).toEqual({ ok: true, location: undefined });
		const typed = readLocation({ position: 'NY 263 233' });
		expect(typed).toMatchObject({ ok: true, precisionM: 100, location: { accuracyM: 71 } });
		// Ten figures name a metre: no accuracy worth storing.
		const exact = readLocation({ position: 'NY 26345 23368' });
		expect(exact).toMatchObject({ ok: true, location: { lat: expect.closeTo(54.6, 1) } });
		expect(exact).not.toHaveProperty('location.accuracyM');
		expect(readLocation({ position: 'somewhere near Keswick' })).toEqual({
			ok: false,
			error: expect.any(String)
		});
	});

	it("stores the device's point exactly, with its accuracy, while the box still shows it", () => {
		const value = locationFromPoint({ ...KESWICK, accuracyM: 8.6, source: 'device' });
		expect(value.position).toBe(positionText(KESWICK));
		expect(value.position).toMatch(/^NY \d{5} \d{5}$/);
		expect(readLocation(value)).toEqual({ ok: true, location: { ...KESWICK, accuracyM: 9 } });
		// Changed by hand: what is typed is read, and the device's accuracy no longer applies.
		const edited = { ...value, position: 'NY 2634 2336' };
		expect(readLocation(edited)).toMatchObject({ ok: true, location: { accuracyM: 7 } });
	});

	it('keeps a saved point to the last decimal when the form is saved unchanged', () => {
		const saved = { lat: 54.600123456789, lon: -3.134987654321, accuracyM: 3, address: 'Main Street' };
		expect(readLocation(locationFromRecord(saved))).toEqual({
			ok: true,
			location: { lat: saved.lat, lon: saved.lon, accuracyM: 3 }
		});
		expect(locationFromRecord(undefined)).toEqual(emptyLocation());
		expect(locationFromRecord({ lat: 'x' })).toEqual(emptyLocation());
	});

	it('shows the grid reference beside latitude and longitude, and warns about a rough fix', () => {
		const good = describeLocation(locationFromPoint({ ...KESWICK, accuracyM: 12, source: 'device' }));
		expect(good).toMatchObject({
			gridRef: positionText(KESWICK),
			latLon: '54.60130, -3.13470',
			accuracy: "From this device's location, accurate to about 12 metres"
		});
		expect(good?.warning).toBeUndefined();
		const rough = describeLocation(locationFromPoint({ ...KESWICK, accuracyM: 51, source: 'device' }));
		expect(rough?.warning).toMatch(/only accurate to about 51 metres/);
		expect(describeLocation(locationFromPoint({ ...KESWICK, accuracyM: 30, source: 'map' }))?.accuracy).toBe(
			'Placed on the map, to within about 30 metres'
		);
		expect(describeLocation({ position: 'NY 263 233' })?.accuracy).toBe('The centre of a 100 metre square');
		expect(describeLocation({ position: 'nowhere' })).toBeNull();
	});

	it("puts the field's own problem into the form's errors, and takes it out again", () => {
		const form = {
			errors: [{ path: 'name', message: 'Enter the name' }] as FieldError[],
			showErrors(errors: FieldError[]) {
				this.errors = errors;
			}
		};
		const report = reportFieldProblem(form, 'location');
		report('No fix');
		expect(form.errors).toEqual([
			{ path: 'name', message: 'Enter the name' },
			{ path: 'location', message: 'No fix' }
		]);
		report(null);
		expect(form.errors).toEqual([{ path: 'name', message: 'Enter the name' }]);
	});
});
