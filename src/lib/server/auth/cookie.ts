/**
 * The session cookie (S01): HttpOnly, SameSite=Strict, Path=/ and, whenever the browser allows it
 * (https, or this computer's own address), Secure with the `__Host-` prefix, which also forbids a
 * Domain attribute, so no other site or subdomain can set or read it.
 */
export interface CookieSettings {
	secure: boolean;
}

export const sessionCookieName = ({ secure }: CookieSettings) =>
	secure ? '__Host-fellside_session' : 'fellside_session';

function serialise(settings: CookieSettings, value: string, maxAgeSeconds: number): string {
	const parts = [
		`${sessionCookieName(settings)}=${value}`,
		'Path=/',
		`Max-Age=${maxAgeSeconds}`,
		'HttpOnly',
		'SameSite=Strict'
	];
	if (settings.secure) parts.push('Secure');
	return parts.join('; ');
}

/** Set the cookie to the session's token until the session's absolute end. */
export function sessionCookie(settings: CookieSettings, token: string, expiresAt: string, now: Date): string {
	const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - now.getTime()) / 1000));
	return serialise(settings, token, maxAge);
}

export const clearedSessionCookie = (settings: CookieSettings) => serialise(settings, '', 0);

/** The session token from a Cookie header, if there is one. */
export function sessionToken(settings: CookieSettings, cookieHeader: string | null): string | null {
	const name = sessionCookieName(settings);
	for (const part of cookieHeader?.split(';') ?? []) {
		const [key, ...value] = part.trim().split('=');
		if (key === name) return value.join('=') || null;
	}
	return null;
}
