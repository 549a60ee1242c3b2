// A visit's pages are rendered on the device from the device store: offline, the service worker's
// app shell serves them, so there is nothing to prerender per visit.
export const prerender = false;
