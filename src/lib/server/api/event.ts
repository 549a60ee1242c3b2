import type { RequestEvent } from '@sveltejs/kit';
import { getRuntime } from '../runtime';
import type { ApiContext } from './context';

/** The context of an API request as SvelteKit delivers it: the running server's database and settings. */
export function apiContext(event: RequestEvent): ApiContext {
	const { config, database, auditKeys } = getRuntime();
	return {
		store: database,
		auth: config.auth,
		session: event.locals.session,
		ip: event.getClientAddress(),
		now: () => new Date(),
		serverOrigin: event.url.origin,
		auditKeys
	};
}
