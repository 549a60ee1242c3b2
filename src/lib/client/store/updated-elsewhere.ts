/**
 * Why another tab or window took this device's store away from this one: it opened the store with
 * a newer version of Fellside (`updated`), or it removed the person's work from the device
 * (`removed`). Either way this tab's connection is closed and stays closed: it must not write to
 * the store again until it is reloaded.
 */
export type ClosedElsewhere = 'updated' | 'removed';

/** A device error whose message reads best alone, after a screen's own words ("could not save: …"). */
abstract class PlainDeviceError extends Error {
	override toString(): string {
		return this.message;
	}
}

export class UpdatedElsewhere extends PlainDeviceError {
	override name = 'UpdatedElsewhere';
	constructor() {
		super(
			'Fellside has been updated in another tab or window, so this one can no longer save. Reload this tab to carry on. Everything saved before is kept.'
		);
	}
}

export class RemovedElsewhere extends PlainDeviceError {
	override name = 'RemovedElsewhere';
	constructor() {
		super(
			"This person's work was removed from this device in another tab or window, so nothing more can be saved here. Reload this tab."
		);
	}
}

export const closedElsewhereError = (reason: ClosedElsewhere): Error =>
	reason === 'updated' ? new UpdatedElsewhere() : new RemovedElsewhere();
