/**
 * One message carried across a client-side navigation ("Community asset added"), shown once by the
 * page it leads to. Kept in memory only: after a reload there is nothing to confirm.
 */
let pending: { id: string; message: string } | null = null;

export function setFlash(id: string, message: string): void {
	pending = { id, message };
}

/** The message left for this record, if any; taking it clears it. */
export function takeFlash(id: string): string | null {
	if (pending?.id !== id) return null;
	const { message } = pending;
	pending = null;
	return message;
}
