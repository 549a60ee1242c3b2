/* global FetchEvent */
// Loaded by the generated service worker before Workbox (vite.config.ts, workbox.importScripts).
//
// Chromium streams a service worker's answer to the page through the worker, and loses the stream if
// the worker collects garbage before the page has read it all: the page gets net::ERR_ABORTED for that
// file ("Failed to fetch dynamically imported module") and the app never starts. It takes a collection
// in the worker while a page is loading its modules from it, so it is rare, but it needs no more than
// that: with no signal the page is simply broken. A Blob body is read by the page from the browser, with
// nothing left in the worker to lose, so every same-origin answer is handed over whole. (The cost: the
// scripts lose Chromium's compiled-code cache, kept beside Cache Storage entries.)
const respondWith = FetchEvent.prototype.respondWith;

FetchEvent.prototype.respondWith = function (response) {
	return respondWith.call(this, Promise.resolve(response).then(whole));
};

async function whole(response) {
	if (!response || response.type !== 'basic' || response.body === null || response.redirected)
		return response;
	const { status, statusText, headers } = response;
	return new Response(await response.blob(), { status, statusText, headers });
}
