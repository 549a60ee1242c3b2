// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedIn } from '$lib/server/api/context';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** A reference staff can quote to support; never a stack trace. */
			reference?: string;
		}
		interface PageState {
			/** Set when the staff page is opened straight after adding that member of staff. */
			staffAdded?: boolean;
		}
		interface Locals {
			/** The session the request's cookie stands for (API requests only), if it is still good. */
			session: SignedIn | null;
		}
	}
	const __APP_VERSION__: string;
}

export {};
