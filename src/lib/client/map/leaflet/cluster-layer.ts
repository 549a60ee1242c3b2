import type { LatLngBounds, Map as LeafletMap, Marker } from 'leaflet';
import { type Bounds, type MapItem, type PointIndex } from '../clusters';
import { markerButton, markerSignature } from '../markers';
import type { MapPoint } from '../points';
import type { Leaflet } from './load';

export interface ClusterLayerEvents {
	/** A single point was chosen (tap, click, Enter or Space on its marker). */
	onPoint(point: MapPoint): void;
	/** Several points share one spot even at the closest zoom: they are listed instead. */
	onSpot(points: MapPoint[]): void;
	/** Every time markers have been drawn: how many, for the page's "drawn" signal and tests. */
	onDrawn?(count: number): void;
}

/** How far past the edges markers are drawn, as a share of the view: a short pan shows no gaps. */
const PAD = 0.25;

/**
 * The clustered markers: only what is in view (plus a margin) is in the DOM, redrawn when the map stops
 * moving. Markers that stay the same between draws are kept, so a marker with keyboard focus keeps it
 * when a sync changes something elsewhere.
 */
export class ClusterLayer {
	readonly #L: Leaflet;
	readonly #map: LeafletMap;
	readonly #events: ClusterLayerEvents;
	readonly #markers = new Map<string, { marker: Marker; signature: string }>();
	#index: PointIndex | null = null;
	#selected: string | null = null;

	constructor(L: Leaflet, map: LeafletMap, events: ClusterLayerEvents) {
		this.#L = L;
		this.#map = map;
		this.#events = events;
		map.on('moveend', this.draw, this);
	}

	setIndex(index: PointIndex): void {
		this.#index = index;
		this.draw();
	}

	draw(): void {
		const index = this.#index;
		if (!index) return;
		const items = index.itemsIn(toBounds(this.#map.getBounds().pad(PAD)), this.#map.getZoom());
		const wanted = new Map(items.map((item) => [item.key, item]));
		for (const [key, drawn] of this.#markers) {
			const item = wanted.get(key);
			if (!item || markerSignature(item) !== drawn.signature) {
				drawn.marker.remove();
				this.#markers.delete(key);
			}
		}
		for (const item of items) {
			if (!this.#markers.has(item.key)) {
				this.#markers.set(item.key, { marker: this.#marker(item), signature: markerSignature(item) });
			}
		}
		this.#events.onDrawn?.(this.#markers.size);
	}

	/** Marks one point's marker as the one whose summary is open. */
	select(key: string | null): void {
		if (this.#selected) this.buttonFor(this.#selected)?.classList.remove('is-selected');
		this.#selected = key;
		if (key) this.buttonFor(key)?.classList.add('is-selected');
	}

	/** The button of a drawn marker, to give focus back to after its summary closes. */
	buttonFor(key: string): HTMLButtonElement | null {
		return this.#markers.get(key)?.marker.getElement()?.querySelector('button') ?? null;
	}

	get drawnCount(): number {
		return this.#markers.size;
	}

	destroy(): void {
		this.#map.off('moveend', this.draw, this);
		for (const { marker } of this.#markers.values()) marker.remove();
		this.#markers.clear();
	}

	#marker(item: MapItem): Marker {
		const L = this.#L;
		const size = item.kind === 'cluster' ? 44 : 36;
		const icon = L.divIcon({
			html: markerButton(item),
			className: 'map-icon',
			iconSize: [size, size],
			iconAnchor: [size / 2, size / 2]
		});
		// The button inside is the control: the marker's own element is not made a second one.
		const marker = L.marker([item.lat, item.lon], { icon, keyboard: false, riseOnHover: true });
		marker.on('click', () => this.#choose(item));
		marker.addTo(this.#map);
		if (item.key === this.#selected)
			marker.getElement()?.querySelector('button')?.classList.add('is-selected');
		return marker;
	}

	#choose(item: MapItem): void {
		if (item.kind === 'point') {
			this.#events.onPoint(item.point);
			return;
		}
		const index = this.#index;
		if (!index) return;
		const zoom = index.zoomToOpen(item, this.#map.getZoom(), this.#map.getMaxZoom());
		if (zoom === null) this.#events.onSpot(index.pointsIn(item, 50));
		else this.#map.setView([item.lat, item.lon], zoom);
	}
}

export function toBounds(b: LatLngBounds): Bounds {
	return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() };
}
