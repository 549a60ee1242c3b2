// One page per record: nothing to prerender. Offline, the service worker's app shell renders it.
export const prerender = false;
