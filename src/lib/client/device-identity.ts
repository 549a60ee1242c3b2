/**
 * This device's own id, for the server's sessions and audit ("which device"). Not personal and
 * not secret, so it lives outside anyone's encrypted store: it names the device before anybody
 * has unlocked it, and stays when one of several people who share it signs out.
 */
const KEY = 'fellside-device-id';

export function deviceIdentity(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
	const known = storage.getItem(KEY);
	if (known && /^[0-9a-f-]{36}$/.test(known)) return known;
	const id = crypto.randomUUID();
	storage.setItem(KEY, id);
	return id;
}
