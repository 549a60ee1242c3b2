import type { PageLoad } from './$types';

// Staff accounts live on the server: there is no page to build ahead for each one.
export const prerender = false;

export const load: PageLoad = ({ params }) => ({ id: params.id });
