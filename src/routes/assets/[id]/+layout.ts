import type { LayoutLoad } from './$types';

// Records live on the device, so there is no page to build ahead for each: the app shell renders it.
export const prerender = false;

export const load: LayoutLoad = ({ params }) => ({ id: params.id });
