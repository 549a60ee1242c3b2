import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { ManifestOptions } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cspSources, originOf, readMapSources } from './src/lib/domain/map/sources.js';
import { viewedTilesRoute } from './src/lib/client/map/tiles/viewed-tiles-route';

/** The web app manifest: what the device shows when Fellside is installed. */
const manifest: Partial<ManifestOptions> = {
	id: '/',
	name: 'Fellside – community and resilience field tool',
	short_name: 'Fellside',
	description:
		'Record community assets, Safe and Well visits, coach referrals and flood groups, with or without signal.',
	start_url: '/',
	scope: '/',
	display: 'standalone',
	orientation: 'any',
	theme_color: '#1d4f3f',
	background_color: '#f6f8f7',
	lang: 'en-GB',
	categories: ['productivity', 'government'],
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	]
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};

/** The map's online sources, read at build time like the Content-Security-Policy (svelte.config.js). */
const mapSources = readMapSources(process.env);
const mapCsp = cspSources(mapSources);

/** Writes down the map origins a finished build allows, so `npm start` rebuilds when they change (scripts/lib.js). */
const recordMapCsp: Plugin = {
	name: 'fellside-map-csp',
	apply: 'build',
	closeBundle() {
		mkdirSync('.svelte-kit', { recursive: true });
		writeFileSync('.svelte-kit/map-csp.json', JSON.stringify(mapCsp));
	}
};

export default defineConfig({
	define: {
		__APP_VERSION__: JSON.stringify(pkg.version),
		// The server checks its map settings against what this build's pages allow.
		__FELLSIDE_MAP_CSP__: JSON.stringify(mapCsp)
	},
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// Never swap the app under a half-filled form: a new version waits until the user says so.
			registerType: 'prompt',
			injectRegister: false,
			manifest,
			workbox: {
				// The prerendered app shell renders any route on the device.
				navigateFallback: '/',
				navigateFallbackDenylist: [/^\/api\//],
				// The offline base map (static/basemap) too: the map must draw Cumbria on a device never online in that valley.
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}',
					'client/basemap/*.json',
					'prerendered/**/*.html'
				],
				cleanupOutdatedCaches: true,
				// The first install takes the open page at once; updates still wait for the user (no skipWaiting).
				clientsClaim: true,
				// Answers are handed to the page whole, not streamed: see static/sw-whole-responses.js.
				importScripts: ['/sw-whole-responses.js'],
				// Nothing under /api/ is ever cached: it carries personal data and must be live. Map tiles
				// are cached from the configured tile origin only.
				runtimeCaching: [viewedTilesRoute(originOf(mapSources.tiles.urlTemplate))]
			},
			devOptions: { enabled: false }
		}),
		recordMapCsp
	],
	// The bundler's timing report is noise in every `npm start`.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	server: { port: 5173, strictPort: false },
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
