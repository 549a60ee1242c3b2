/**
 * A one-off "saved" message carried across a navigation, GOV.UK notification-banner style: the form
 * sets it before going back, the next page shows it once.
 */
let pending = $state<string | null>(null);

export function announce(message: string): void {
	pending = message;
}

/** The message, if any, now cleared so a reload does not show it again. */
export function takeNotice(): string | null {
	const message = pending;
	pending = null;
	return message;
}
