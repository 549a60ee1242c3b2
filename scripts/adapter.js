// adapter-node, with Fellside's own server entry (src/lib/server/security/node-server.ts) as
// build/index.js in place of adapter-node's, so `node build` still starts the server and every
// response, the prerendered pages and build files included, carries the security headers.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import node from '@sveltejs/adapter-node';

const ENTRY = 'src/lib/server/security/node-server.ts';

/** @param {import('@sveltejs/adapter-node').AdapterOptions} [options] */
export default function fellsideAdapter(options = {}) {
	const base = node(options);
	const out = options.out ?? 'build';
	return {
		...base,
		name: 'fellside-adapter-node',
		/** @param {import('@sveltejs/kit').Builder} builder */
		async adapt(builder) {
			await base.adapt(builder);
			builder.log.minor('Writing the Fellside server entry');
			// Loaded here, not at the top: svelte.config.js is also read where esbuild is not needed.
			const { build } = await import('esbuild');
			await build({
				entryPoints: [ENTRY],
				outfile: path.join(out, 'fellside-server.js'),
				bundle: true,
				platform: 'node',
				format: 'esm',
				target: 'node20',
				logLevel: 'warning'
			});
			rmSync(path.join(out, 'index.js.map'), { force: true });
			writeFileSync(
				path.join(out, 'index.js'),
				"import { handler } from './handler.js';\nimport { serve } from './fellside-server.js';\n\nserve(handler);\n"
			);
		}
	};
}
