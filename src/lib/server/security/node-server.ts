import http from 'node:http';
import { securityHeaders } from './headers';

/** SvelteKit's own event name, which Node's typings do not know. */
const emit = process.emit.bind(process) as (event: string, ...args: unknown[]) => boolean;

/** adapter-node's request handler (build/handler.js), which serves build files, prerendered pages and SvelteKit. */
export type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => unknown;

/**
 * Fellside's server entry (build/index.js): adapter-node's handler behind one step that sets the
 * security headers on every response first, so the prerendered pages and build files that
 * adapter-node serves without running SvelteKit's hooks carry them too. A header the handler sets
 * itself (SvelteKit's full CSP on a dynamic page) replaces the one set here.
 *
 * Reads PORT, HOST and SHUTDOWN_TIMEOUT like adapter-node's own entry, and shuts down the same
 * way: stop accepting, let requests finish, then emit `sveltekit:shutdown`.
 */
export function serve(handler: NodeHandler, env: NodeJS.ProcessEnv = process.env): http.Server {
	const headers = securityHeaders(env.ORIGIN);
	const notFound = (res: http.ServerResponse) => () => {
		res.statusCode = 404;
		res.end('Not found');
	};
	const server = http.createServer((req, res) => {
		for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
		void handler(req, res, notFound(res));
	});
	const host = env.HOST || '0.0.0.0';
	const port = Number(env.PORT || 3000);
	server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

	const graceMs = Number(env.SHUTDOWN_TIMEOUT || 30) * 1000;
	let stopping = false;
	const shutdown = (reason: string) => {
		if (stopping) return;
		stopping = true;
		server.closeIdleConnections();
		server.close(() => emit('sveltekit:shutdown', reason));
		setTimeout(() => server.closeAllConnections(), graceMs).unref();
	};
	// Keep-alive connections close as soon as their last request is answered.
	server.on('request', (req: http.IncomingMessage) => {
		req.on('close', () => {
			if (stopping) server.closeIdleConnections();
		});
	});
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
	return server;
}
