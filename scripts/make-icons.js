/**
 * Renders Fellside's app icons as PNG files in static/icons/:
 *
 *   icon-192.png, icon-512.png   "any" purpose, rounded square, transparent corners (RGBA)
 *   icon-maskable-512.png        maskable, opaque, artwork inside the central 80% safe circle (RGB)
 *   apple-touch-icon.png         180x180, opaque square; iOS applies its own mask (RGB)
 *   favicon-32.png               32x32, rounded square, heavier strokes for legibility (RGBA)
 *
 * The artwork is a Lakeland fell (two overlapping peaks) above a lake line on dark fell green.
 * Dependency free (node:zlib, node:fs, node:path only) and deterministic: same bytes every run.
 *
 * Re-run:  node scripts/make-icons.js            (writes the files, checks signature and IHDR)
 *          node scripts/make-icons.js --verify   (also decodes each file and checks its pixels)
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OUT_DIR = resolve(import.meta.dirname, '..', 'static', 'icons');

// Palette: keep in sync with theme_color in src/lib/pwa-manifest.ts.
const COLOURS = {
	background: '#1d4f3f',
	fellFar: '#8fbfa8',
	fellNear: '#e8f1ec',
	water: '#9cc9e6'
};

// 4x4 samples per pixel: smooth edges without a costly analytic rasteriser.
const SUPERSAMPLE = 4;

// Maskable safe zone: a centred circle of radius 40% of the icon size.
const SAFE_RADIUS = 0.4;

// ---------------------------------------------------------------------------
// Geometry. Artwork lives in "art units": origin at its visual centre, y down,
// everything within a circle of radius 1 so one scale factor places it safely.

const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** Signed distance from (px, py) to a polygon given as [[x, y], ...]; negative inside. */
function polygonDistance(px, py, pts) {
	let d = Infinity;
	let sign = 1;
	for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
		const [xi, yi] = pts[i];
		const [xj, yj] = pts[j];
		const ex = xj - xi;
		const ey = yj - yi;
		const wx = px - xi;
		const wy = py - yi;
		const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
		const bx = wx - ex * t;
		const by = wy - ey * t;
		d = Math.min(d, bx * bx + by * by);
		// Winding test folded into the same loop (crossing-number parity).
		const c1 = py >= yi;
		const c2 = py < yj;
		const c3 = ex * wy > ey * wx;
		if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
	}
	return sign * Math.sqrt(d);
}

/** Distance from a point to a segment, for capsule (rounded line) shapes. */
function segmentDistance(px, py, ax, ay, bx, by) {
	const ex = bx - ax;
	const ey = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * ex + (py - ay) * ey) / (ex * ex + ey * ey)));
	return Math.hypot(px - ax - ex * t, py - ay - ey * t);
}

/**
 * A fell: a triangle whose edges are pushed out by `round`, which softens the summit the way
 * real fells are rounded, then cut flat at the base line.
 */
function fell(core, round, baseY) {
	return (x, y) => y <= baseY && polygonDistance(x, y, core) <= round;
}

function capsule(ax, ay, bx, by, radius) {
	return (x, y) => segmentDistance(x, y, ax, ay, bx, by) <= radius;
}

/**
 * The artwork as layers, back to front. `bold` is the small-size variant: thicker water,
 * a wider knockout gap and no second ripple, since 1px details turn to mush at 32px.
 * `snap` moves a horizontal edge onto the nearest pixel boundary so flat edges stay crisp.
 */
function artwork(bold, snap) {
	const baseY = snap(0.26);
	const round = 0.08;
	const gap = bold ? 0.1 : 0.055;
	// Cores are inset by `round`, so the drawn silhouettes are these plus the rounding.
	// The rounded summits keep them reading as fells rather than alpine peaks.
	const far = [
		[0.25, -0.58],
		[0.84, baseY + round],
		[-0.34, baseY + round]
	];
	const near = [
		[-0.28, -0.33],
		[0.32, baseY + round],
		[-0.84, baseY + round]
	];
	const layers = [
		{ colour: 'fellFar', hit: fell(far, round, baseY) },
		// A background-coloured halo round the near fell separates the two peaks crisply.
		{ colour: 'background', hit: fell(near, round + gap, baseY) },
		{ colour: 'fellNear', hit: fell(near, round, baseY) }
	];
	const ripples = bold
		? [{ y: 0.52, half: 0.74, r: 0.09 }]
		: [
				{ y: 0.46, half: 0.76, r: 0.055 },
				{ y: 0.65, half: 0.44, r: 0.055 }
			];
	for (const { y, half, r } of ripples) {
		// Snap the top and bottom of each stroke, then rebuild the capsule from them.
		const top = snap(y - r);
		const bottom = snap(y + r);
		const mid = (top + bottom) / 2;
		const radius = (bottom - top) / 2;
		layers.push({ colour: 'water', hit: capsule(-half + radius, mid, half - radius, mid, radius) });
	}
	return layers;
}

// ---------------------------------------------------------------------------
// Rasterising.

/** Is (x, y) inside a rounded square of side `size` with corner radius `r`? */
function inRoundedSquare(x, y, size, r) {
	const cx = Math.max(r, Math.min(size - r, x));
	const cy = Math.max(r, Math.min(size - r, y));
	return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// Blend in linear light: averaging raw sRGB values darkens anti-aliased edges.
const toLinear = (c) => {
	const v = c / 255;
	return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (v) => {
	const s = v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055;
	return Math.max(0, Math.min(255, Math.round(s * 255)));
};

/**
 * Renders one icon to a flat RGBA or RGB buffer.
 * spec: size, corner (radius as a fraction of size, 0 for an opaque full square),
 * scale (pixels per art unit, as a fraction of size), bold.
 */
function render(spec) {
	const { size, corner, scale, bold } = spec;
	const opaque = corner === 0;
	const channels = opaque ? 3 : 4;
	const palette = Object.fromEntries(Object.entries(COLOURS).map(([k, v]) => [k, hexToRgb(v)]));
	const linear = Object.fromEntries(Object.entries(palette).map(([k, v]) => [k, v.map(toLinear)]));
	const k = scale * size;
	const centre = size / 2;
	const layers = artwork(bold, (artY) => (Math.round(centre + artY * k) - centre) / k);
	const cornerPx = corner * size;
	const n = SUPERSAMPLE * SUPERSAMPLE;
	const out = Buffer.alloc(size * size * channels);

	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			const counts = new Map();
			for (let sy = 0; sy < SUPERSAMPLE; sy++) {
				for (let sx = 0; sx < SUPERSAMPLE; sx++) {
					const x = px + (sx + 0.5) / SUPERSAMPLE;
					const y = py + (sy + 0.5) / SUPERSAMPLE;
					let colour = null;
					if (opaque || inRoundedSquare(x, y, size, cornerPx)) {
						colour = 'background';
						const ax = (x - centre) / k;
						const ay = (y - centre) / k;
						// Topmost layer wins, so test front to back and stop at the first hit.
						for (let i = layers.length - 1; i >= 0; i--) {
							if (layers[i].hit(ax, ay)) {
								colour = layers[i].colour;
								break;
							}
						}
					}
					counts.set(colour, (counts.get(colour) ?? 0) + 1);
				}
			}
			const o = (py * size + px) * channels;
			if (counts.size === 1) {
				// Uniform pixel: copy exact palette bytes (keeps flat areas bit-exact).
				const [colour] = counts.keys();
				if (colour !== null) out.set(palette[colour], o);
				if (!opaque) out[o + 3] = colour === null ? 0 : 255;
				continue;
			}
			// Straight (non-premultiplied) colour over the covered samples; alpha = coverage.
			let covered = 0;
			const acc = [0, 0, 0];
			for (const [colour, count] of counts) {
				if (colour === null) continue;
				covered += count;
				for (let c = 0; c < 3; c++) acc[c] += linear[colour][c] * count;
			}
			for (let c = 0; c < 3; c++) out[o + c] = covered ? toSrgb(acc[c] / covered) : 0;
			if (!opaque) out[o + 3] = Math.round((covered / n) * 255);
		}
	}
	return { size, channels, pixels: out };
}

// ---------------------------------------------------------------------------
// PNG encoding.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(buf) {
	let c = 0xffffffff;
	for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	// The CRC covers the type and data, not the length.
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

function encodePng({ size, channels, pixels }) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = channels === 4 ? 6 : 2; // colour type: RGBA or RGB
	ihdr[10] = 0; // compression: deflate
	ihdr[11] = 0; // filter method
	ihdr[12] = 0; // no interlace
	const stride = size * channels;
	const raw = Buffer.alloc(size * (stride + 1));
	for (let y = 0; y < size; y++) {
		// Filter byte 0 (None): flat art compresses well enough without adaptive filtering.
		raw[y * (stride + 1)] = 0;
		pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
	}
	// Fixed level and no timestamps or metadata chunks, so output is byte-identical each run.
	const idat = deflateSync(raw, { level: 9 });
	return Buffer.concat([
		PNG_SIGNATURE,
		chunk('IHDR', ihdr),
		chunk('IDAT', idat),
		chunk('IEND', Buffer.alloc(0))
	]);
}

// ---------------------------------------------------------------------------
// Reading back.

/** Parses chunks, checking signature, every CRC and IHDR. Returns header fields and IDAT data. */
function readPng(buf) {
	if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('bad PNG signature');
	let pos = 8;
	let header = null;
	const idat = [];
	let ended = false;
	while (pos < buf.length) {
		const length = buf.readUInt32BE(pos);
		const type = buf.toString('ascii', pos + 4, pos + 8);
		const data = buf.subarray(pos + 8, pos + 8 + length);
		const crc = buf.readUInt32BE(pos + 8 + length);
		if (crc !== crc32(buf.subarray(pos + 4, pos + 8 + length))) throw new Error(`bad CRC in ${type}`);
		if (type === 'IHDR') {
			header = {
				width: data.readUInt32BE(0),
				height: data.readUInt32BE(4),
				bitDepth: data[8],
				colourType: data[9]
			};
		} else if (type === 'IDAT') idat.push(data);
		else if (type === 'IEND') ended = true;
		pos += 12 + length;
	}
	if (!header) throw new Error('missing IHDR');
	if (!ended) throw new Error('missing IEND');
	return { ...header, idat: Buffer.concat(idat) };
}

/** Tiny decoder for what we write: 8-bit RGB/RGBA, filter 0 only. */
function decodePng(png) {
	const channels = { 2: 3, 6: 4 }[png.colourType];
	if (png.bitDepth !== 8 || !channels) throw new Error('unsupported PNG format');
	const raw = inflateSync(png.idat);
	const stride = png.width * channels;
	const expected = png.height * (1 + stride);
	if (raw.length !== expected) throw new Error(`IDAT inflates to ${raw.length} bytes, expected ${expected}`);
	const pixels = Buffer.alloc(png.height * stride);
	for (let y = 0; y < png.height; y++) {
		const filter = raw[y * (stride + 1)];
		if (filter !== 0) throw new Error(`unexpected filter ${filter} on row ${y}`);
		raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
	}
	return { channels, pixels };
}

/** Pixel-level checks on a decoded icon, including the maskable safe zone. */
function checkPixels(name, spec, { channels, pixels }) {
	const size = spec.size;
	const bg = hexToRgb(COLOURS.background);
	const safe = SAFE_RADIUS * size;
	// Opaque icons are stored as RGB, so they cannot carry transparency at all.
	if (channels !== (spec.corner === 0 ? 3 : 4)) throw new Error(`${name}: wrong colour type`);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const o = (y * size + x) * channels;
			if (spec.maskable) {
				// Every pixel touching the outside of the safe circle must be plain background,
				// so a launcher's mask can never clip artwork.
				const dx = Math.max(Math.abs(x + 0.5 - size / 2) - 0.5, 0);
				const dy = Math.max(Math.abs(y + 0.5 - size / 2) - 0.5, 0);
				if (Math.hypot(dx, dy) > safe && bg.some((v, c) => pixels[o + c] !== v)) {
					throw new Error(`${name}: artwork outside the safe zone at ${x},${y}`);
				}
			}
		}
	}
	if (spec.corner > 0) {
		// Rounded icons: the corner pixel is transparent, the middle of the left edge is opaque.
		if (pixels[3] !== 0) throw new Error(`${name}: corner should be transparent`);
		const mid = Math.floor(size / 2) * size * channels;
		if (pixels[mid + 3] !== 255) throw new Error(`${name}: edge should be opaque`);
	}
}

// ---------------------------------------------------------------------------

const ICONS = [
	{ file: 'icon-192.png', size: 192, corner: 0.2, scale: 0.44, bold: false },
	{ file: 'icon-512.png', size: 512, corner: 0.2, scale: 0.44, bold: false },
	// Art radius 1 maps to 0.38 of the size, inside the 0.4 safe circle with a small margin.
	{ file: 'icon-maskable-512.png', size: 512, corner: 0, scale: 0.38, bold: false, maskable: true },
	{ file: 'apple-touch-icon.png', size: 180, corner: 0, scale: 0.42, bold: false },
	{ file: 'favicon-32.png', size: 32, corner: 0.19, scale: 0.46, bold: true }
];

const verify = process.argv.includes('--verify');
mkdirSync(OUT_DIR, { recursive: true });

for (const spec of ICONS) {
	const path = join(OUT_DIR, spec.file);
	writeFileSync(path, encodePng(render(spec)));

	// Read back from disk, so the checks see exactly what was written.
	const bytes = readFileSync(path);
	const png = readPng(bytes);
	if (png.width !== spec.size || png.height !== spec.size) {
		throw new Error(`${spec.file}: IHDR says ${png.width}x${png.height}, expected ${spec.size}`);
	}
	if (verify) checkPixels(spec.file, spec, decodePng(png));
	console.log(`${spec.file}  ${spec.size}x${spec.size}  ${bytes.length} bytes${verify ? '  verified' : ''}`);
}
