/**
 * Who is making calls on this phone. Fellside has no staff sign-in yet, so the log's "by" is the name
 * the person gives once; it is remembered on this device for the next activation.
 */
const KEY = 'fellside.flood.caller';

export function rememberedCaller(): string {
	try {
		return localStorage.getItem(KEY) ?? '';
	} catch {
		return '';
	}
}

export function rememberCaller(name: string): void {
	try {
		localStorage.setItem(KEY, name.trim());
	} catch {
		// Private browsing can refuse storage; the name is simply asked for again.
	}
}
