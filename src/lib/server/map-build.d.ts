import type { MapCspSources } from '$lib/domain/map/sources.js';

declare global {
	/** The map origins this build's Content-Security-Policy allows (vite.config.ts `define`). */
	const __FELLSIDE_MAP_CSP__: MapCspSources;
}
