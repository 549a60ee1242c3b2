import { BASEMAP_URL, findPlace, parseBasemap, type Basemap } from '$lib/domain/map/basemap';
import type { LatLon } from '$lib/domain/geo';

/**
 * The offline base map (static/basemap/cumbria.json, precached by the service worker), fetched and checked
 * once per page load and shared by every map on the page.
 */
let loading: Promise<Basemap> | undefined;

export function loadBasemap(fetcher: typeof fetch = fetch): Promise<Basemap> {
	loading ??= fetcher(BASEMAP_URL)
		.then(async (response) => {
			if (!response.ok) throw new Error(`the server answered ${response.status}`);
			return parseBasemap(await response.json());
		})
		.catch((error: unknown) => {
			loading = undefined;
			const reason =
				error instanceof TypeError
					? 'this device has not saved it yet and there is no signal'
					: String(error instanceof Error ? error.message : error);
			throw new Error(`The offline map of Cumbria could not be loaded: ${reason}`);
		});
	return loading;
}

/** A town's centre by name, from the base map's places: where a flood group with no point of its own is shown. */
export function townFinder(basemap: Basemap | null): ((town: string) => LatLon | undefined) | undefined {
	if (!basemap) return undefined;
	return (town) => {
		const place = findPlace(basemap, town);
		if (!place) return undefined;
		const [lon, lat] = place.geometry.coordinates;
		return { lat, lon };
	};
}
