/**
 * Another tab or window opened this device's store with a newer version of Fellside. This tab's
 * connection was closed so that the upgrade could go ahead: its code no longer matches the store,
 * so it must not write to it again until it is reloaded with the new version.
 */
export class UpdatedElsewhere extends Error {
	override name = 'UpdatedElsewhere';
	constructor() {
		super(
			'Fellside has been updated in another tab or window, so this one can no longer save. Reload this tab to carry on. Everything saved before is kept.'
		);
	}

	/** Screens put a device error after their own words ("could not save: …"): the message alone reads best. */
	override toString(): string {
		return this.message;
	}
}
