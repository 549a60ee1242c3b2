/**
 * A one-off message carried across a navigation ("Visit saved"), GOV.UK notification-banner style:
 * the form sets it before going on, the next page shows it once; a reload does not repeat it.
 */
let pending = $state<string | null>(null);

export function announce(message: string): void {
	pending = message;
}

export function takeNotice(): string | null {
	const message = pending;
	pending = null;
	return message;
}
