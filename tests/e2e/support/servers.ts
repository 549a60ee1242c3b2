import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { drawTile } from './png';

/** A server the tests start on 127.0.0.1, answering with CORS like public map services do. */
export interface TestServer {
	origin: string;
	/** Paths (with query) asked for, in order. */
	requests: string[];
	close(): Promise<void>;
}

function listen(
	port: number,
	handle: (url: URL, res: http.ServerResponse) => void | Promise<void>
): Promise<TestServer> {
	const requests: string[] = [];
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		requests.push(url.pathname + url.search);
		res.setHeader('Access-Control-Allow-Origin', '*');
		void Promise.resolve(handle(url, res)).catch(() => {
			res.statusCode = 500;
			res.end();
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const { port: bound } = server.address() as AddressInfo;
			resolve({
				origin: `http://127.0.0.1:${bound}`,
				requests,
				close: () =>
					new Promise((done) => {
						server.closeAllConnections();
						server.close(() => done());
					})
			});
		});
	});
}

export interface TileServer extends TestServer {
	/** Wait this long before each tile, to watch a save in progress. */
	delayMs: number;
	tileRequests(): string[];
}

/** Raster tiles at /tiles/{z}/{x}/{y}.png, drawn on request; the tile's z/x/y is in `X-Tile`. */
export async function startTileServer(port: number): Promise<TileServer> {
	const self = { delayMs: 0 } as TileServer;
	const server = await listen(port, async (url, res) => {
		const match = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(url.pathname);
		if (!match) {
			res.statusCode = 404;
			res.end();
			return;
		}
		if (self.delayMs > 0) await new Promise((r) => setTimeout(r, self.delayMs));
		const [z, x, y] = match.slice(1).map(Number) as [number, number, number];
		res.writeHead(200, {
			'content-type': 'image/png',
			'x-tile': `${z}/${x}/${y}`,
			'cache-control': 'max-age=86400'
		});
		res.end(drawTile(z, x, y));
	});
	return Object.assign(self, server, {
		tileRequests: () => server.requests.filter((r) => r.startsWith('/tiles/'))
	});
}

export interface FloodArea {
	notation: string;
	label: string;
	lat: number;
	long: number;
	quickDialNumber?: string;
}

export interface AgencyServer extends TestServer {
	/** The body /id/floods answers with: an object as JSON, or a string as it is. */
	floods: unknown;
	areas: FloodArea[];
	floodRequests(): string[];
}

/** The Environment Agency's flood-monitoring API as the tests need it: /id/floods and /id/floodAreas/{code}. */
export async function startAgencyServer(port: number): Promise<AgencyServer> {
	const self = { floods: { items: [] }, areas: [] } as unknown as AgencyServer;
	const json = (res: http.ServerResponse, body: unknown) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	};
	const server = await listen(port, (url, res) => {
		if (url.pathname === '/flood-monitoring/id/floods') return json(res, self.floods);
		const code = /^\/flood-monitoring\/id\/floodAreas\/([^/]+)$/.exec(url.pathname)?.[1];
		const area = self.areas.find((a) => a.notation === code);
		if (area) return json(res, { meta: { publisher: 'Environment Agency' }, items: area });
		res.statusCode = 404;
		res.end();
	});
	return Object.assign(self, server, {
		floodRequests: () => server.requests.filter((r) => r.startsWith('/flood-monitoring/id/floods'))
	});
}
