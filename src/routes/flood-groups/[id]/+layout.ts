// Group pages are opened by id from the device store: no prerendered page per record. Offline, the
// service worker's app shell renders them.
export const prerender = false;
