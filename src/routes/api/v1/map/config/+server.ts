import { json } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * The map's online sources for the device: the prerendered app cannot read the server's
 * environment, so it asks here and keeps the answer for when it is offline.
 */
export const GET: RequestHandler = () => json(getRuntime().config.map);
