// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** A reference staff can quote to support; never a stack trace. */
			reference?: string;
		}
	}
	const __APP_VERSION__: string;
}

export {};
