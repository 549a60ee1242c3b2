// Fellside renders on the device: every page is a prerendered shell that the service worker can
// serve with no network, and data comes from the device store, never from the server's HTML.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
