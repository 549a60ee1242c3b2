/**
 * The security headers every response carries (S08 in part, S09), whoever serves it: SvelteKit's
 * handle hook for dynamic responses, and Fellside's own Node server for the prerendered pages and
 * build files adapter-node serves without running any hook. Plain TypeScript, no SvelteKit.
 *
 * A prerendered page carries its Content-Security-Policy in a <meta> (SvelteKit hashes its
 * scripts), which cannot hold `frame-ancestors`: that comes from this header. Dynamic pages get
 * SvelteKit's full policy header instead, which includes it.
 */
export const BASELINE_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

/** Two years, subdomains too: only ever sent when the public address is https. */
const HSTS = 'max-age=63072000; includeSubDomains';

export function securityHeaders(origin: string | undefined): Record<string, string> {
	const headers: Record<string, string> = {
		'Content-Security-Policy': BASELINE_CSP,
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer',
		'X-Frame-Options': 'DENY',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'geolocation=(self), camera=(), microphone=(), payment=()'
	};
	// adapter-node reports https whenever ORIGIN is unset, so trust only the configured origin.
	if (origin?.startsWith('https://')) headers['Strict-Transport-Security'] = HSTS;
	return headers;
}
