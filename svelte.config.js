import adapter from './scripts/adapter.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspSources, readMapSources } from './src/lib/domain/map/sources.js';

// Exactly the map's tile and flood-warning origins, read when the app is built: prerendered pages
// carry this policy in a <meta> tag that the service worker keeps on every device. The server
// refuses to start with map settings this build does not allow (checkMapBuild in
// src/lib/server/config.ts).
const map = cspSources(readMapSources(process.env));

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ precompress: true }),
		// The service worker is built by @vite-pwa/sveltekit, not by SvelteKit.
		serviceWorker: { register: false },
		// The prerendered shell is served offline for every route, /assets/<id> included: its asset
		// paths must be absolute, or they would resolve under the route's folder.
		paths: { relative: false },
		version: { pollInterval: 0 },
		csp: {
			// Prerendered shells get hashes in a <meta>; server-rendered responses get nonces.
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:', ...map['img-src']],
				'font-src': ['self'],
				'connect-src': ['self', ...map['connect-src']],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				// Sent as a header only (a <meta> cannot carry it): SvelteKit's on dynamic pages,
				// Fellside's server entry on prerendered ones.
				'frame-ancestors': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
