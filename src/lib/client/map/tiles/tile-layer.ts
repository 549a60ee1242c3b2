import type * as Leaflet from 'leaflet';
import type { TileSource } from '$lib/domain/map/tiles';

/**
 * The online raster layer for the configured tile source, with its attribution (shown by the
 * map's attribution control at all times). Tiles are requested with CORS so the service worker
 * keeps readable copies of the ones viewed, not opaque ones that count megabytes against storage.
 */
export function createTileLayer(L: typeof Leaflet, source: TileSource): Leaflet.TileLayer {
	return L.tileLayer(source.urlTemplate, {
		maxZoom: source.maxZoom,
		attribution: attributionHtml(source.attribution, source.attributionUrl),
		crossOrigin: 'anonymous',
		// Tile servers (OpenStreetMap's among them) ask browser apps to say who they are: the
		// origin only, never the page's path, which can hold a record's id.
		referrerPolicy: 'strict-origin-when-cross-origin'
	});
}

/** Leaflet shows attribution as HTML: the configured words are escaped, the link only if it is a web address. */
export function attributionHtml(text: string, url: string | null): string {
	const words = escapeHtml(text);
	if (!url || !/^https?:\/\//i.test(url)) return words;
	return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${words}</a>`;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
