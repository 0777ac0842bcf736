#!/usr/bin/env node
/**
 * Generates every icon the app ships: tray icons per cluster state and platform, the app icon and the
 * notification icons. Shapes differ per state as well as colours (colour-blind safe):
 *   healthy = filled circle, degraded = triangle, critical = octagon with a cross,
 *   unreachable = ring with a gap, paused = two bars.
 * Pure JS (node:zlib only) and deterministic: running it twice gives identical bytes, which
 * test/shell/tray-icons.test.ts checks against the committed files.
 *
 *   node scripts/make-tray-icons.mjs                       # writes assets/
 *   node scripts/make-tray-icons.mjs --out /tmp/icons      # writes elsewhere (used by the test)
 *   node scripts/make-tray-icons.mjs --contact-sheet test-results/icons.png   # also a zoomed preview
 */
import zlib from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------- PNG / ICO encoding ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** CRC-32 as PNG wants it; zlib.crc32 exists from Node 20.15/22.2, the table is the fallback. */
function crc32(buf) {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(buf) >>> 0;
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes straight-alpha RGBA pixels (Uint8Array, size*size*4) as an 8-bit RGBA PNG. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, filter 0, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Windows .ico holding PNG frames (allowed since Vista); frames sorted small to large. */
function encodeIco(frames) {
  const head = Buffer.alloc(6 + 16 * frames.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(frames.length, 4);
  let offset = head.length;
  frames.forEach(({ size, png }, i) => {
    const e = 6 + 16 * i;
    head[e] = size >= 256 ? 0 : size;
    head[e + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, e + 4); // planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(png.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([head, ...frames.map((f) => f.png)]);
}

// ---------- shapes as signed distance functions in unit coordinates (negative = inside) ----------

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const union =
  (...fs) =>
  (x, y) =>
    Math.min(...fs.map((f) => f(x, y)));
const subtract = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));
/** Convex polygon, vertices counter-clockwise in screen space (y down) or clockwise; sign is normalised. */
function polygon(pts) {
  const area = pts.reduce((s, [x0, y0], i) => {
    const [x1, y1] = pts[(i + 1) % pts.length];
    return s + x0 * y1 - x1 * y0;
  }, 0);
  const sign = area > 0 ? 1 : -1;
  const edges = pts.map(([x0, y0], i) => {
    const [x1, y1] = pts[(i + 1) % pts.length];
    const len = Math.hypot(x1 - x0, y1 - y0);
    return [(sign * (y1 - y0)) / len, (sign * -(x1 - x0)) / len, x0, y0];
  });
  return (x, y) => Math.max(...edges.map(([nx, ny, x0, y0]) => (x - x0) * nx + (y - y0) * ny));
}
/** Rounded rectangle. */
function box(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2,
    cy = (y0 + y1) / 2,
    hx = (x1 - x0) / 2 - r,
    hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const dx = Math.abs(x - cx) - hx,
      dy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };
}
/** Line segment with round caps (a capsule). */
function segment(ax, ay, bx, by, r) {
  return (x, y) => {
    const px = x - ax,
      py = y - ay,
      dx = bx - ax,
      dy = by - ay;
    const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - t * dx, py - t * dy) - r;
  };
}
/** Regular octagon with flat top, circumradius r. */
function octagon(cx, cy, r) {
  const pts = [];
  for (let i = 0; i < 8; i++) {
    const a = ((i + 0.5) * Math.PI) / 4;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return polygon(pts);
}
/** "!" mark: bar + dot. */
function exclamation(cx, top, bottom, w) {
  const dotR = w * 0.62;
  return union(segment(cx, top + w / 2, cx, bottom - dotR * 3.2, w / 2), circle(cx, bottom - dotR, dotR));
}

// ---------- icon definitions ----------

/** Okabe–Ito derived palette (colour-blind friendly), plus a blue-grey for paused. */
const COLORS = {
  healthy: [0x00, 0x9e, 0x73],
  degraded: [0xe6, 0x9f, 0x00],
  critical: [0xd5, 0x3a, 0x00],
  unreachable: [0x8c, 0x8c, 0x8c],
  paused: [0x5b, 0x78, 0x98],
  info: [0x00, 0x72, 0xb2],
  white: [0xff, 0xff, 0xff],
  ink: [0x1a, 0x1a, 0x1a],
};

/** Ring with a gap at the top right: "no line of sight". */
function gappedRing() {
  const ring = subtract(circle(0.5, 0.5, 0.44), circle(0.5, 0.5, 0.27));
  const gap = polygon([
    [0.5, 0.5],
    [0.62, -0.1],
    [1.1, 0.38],
  ]);
  return subtract(ring, gap);
}

/** Tray states: silhouette (`mask`), optional inner mark (`mark`: cut out in templates, white in colour). */
export const TRAY_STATES = {
  healthy: { mask: circle(0.5, 0.5, 0.42), mark: null, color: COLORS.healthy },
  degraded: {
    mask: polygon([
      [0.5, 0.05],
      [0.97, 0.9],
      [0.03, 0.9],
    ]),
    mark: null,
    color: COLORS.degraded,
  },
  critical: {
    mask: octagon(0.5, 0.5, 0.48),
    mark: union(segment(0.33, 0.33, 0.67, 0.67, 0.075), segment(0.67, 0.33, 0.33, 0.67, 0.075)),
    color: COLORS.critical,
  },
  unreachable: { mask: gappedRing(), mark: null, color: COLORS.unreachable },
  paused: {
    mask: union(box(0.16, 0.1, 0.4, 0.9, 0.05), box(0.6, 0.1, 0.84, 0.9, 0.05)),
    mark: null,
    color: COLORS.paused,
  },
};

/** Notification icons per Severity (info | warning | critical). */
const NOTIFY = {
  info: {
    mask: circle(0.5, 0.5, 0.46),
    mark: union(circle(0.5, 0.27, 0.065), box(0.44, 0.4, 0.56, 0.78, 0.04)),
    color: COLORS.info,
    markColor: COLORS.white,
  },
  warning: {
    mask: polygon([
      [0.5, 0.04],
      [0.98, 0.92],
      [0.02, 0.92],
    ]),
    mark: exclamation(0.5, 0.33, 0.84, 0.11),
    color: COLORS.degraded,
    markColor: COLORS.ink,
  },
  critical: {
    mask: octagon(0.5, 0.5, 0.48),
    mark: exclamation(0.5, 0.2, 0.82, 0.12),
    color: COLORS.critical,
    markColor: COLORS.white,
  },
};

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const BLACK = [0, 0, 0];
const darker = (c) => mix(c, BLACK, 0.35);

/**
 * Rasterises a `size`×`size` RGBA image with ss×ss supersampling (anti-aliased edges): `colourAt(x, y)` gives
 * the [r, g, b] at a point of the unit square, or null where it is transparent. A pixel's alpha is the share
 * of its samples that hit, its colour their average.
 */
function supersample(size, ss, colourAt) {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let a = 0,
        r = 0,
        g = 0,
        b = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c === null) continue;
          a += 1;
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      const i = (py * size + px) * 4;
      out[i + 3] = Math.round((255 * a) / (ss * ss));
      if (a > 0) [out[i], out[i + 1], out[i + 2]] = [Math.round(r / a), Math.round(g / a), Math.round(b / a)];
    }
  }
  return out;
}

/**
 * Rasterises one icon with n×n supersampling. Colour mode paints the fill with a slightly darker rim
 * (contrast on light and dark panels) and the mark in `markColor`; template mode (macOS) is black + alpha
 * with the mark cut out.
 */
function render(size, icon, { template = false, ss = 8 } = {}) {
  const rim = Math.min(1.1, size / 22) / size; // ~1 px rim, thinner on the smallest sizes
  const markColor = icon.markColor ?? COLORS.white;
  return supersample(size, ss, (x, y) => {
    const d = icon.mask(x, y);
    if (d >= 0) return null;
    const inMark = icon.mark !== null && icon.mark(x, y) < 0;
    if (template) return inMark ? null : BLACK;
    return inMark ? markColor : d < -rim ? icon.color : darker(icon.color);
  });
}

/** App icon: rounded square with three gossiping nodes, one of them the (green) leader. */
function appIcon(size) {
  const bg = box(0.06, 0.06, 0.94, 0.94, 0.2);
  const nodes = [
    [0.5, 0.28],
    [0.27, 0.68],
    [0.73, 0.68],
  ];
  const links = union(
    ...nodes.map(([x, y], i) => segment(x, y, nodes[(i + 1) % 3][0], nodes[(i + 1) % 3][1], 0.025)),
  );
  const leader = circle(nodes[0][0], nodes[0][1], 0.105);
  const followers = union(circle(nodes[1][0], nodes[1][1], 0.09), circle(nodes[2][0], nodes[2][1], 0.09));
  const layers = [
    [bg, [0x1c, 0x26, 0x33]],
    [links, [0x8f, 0xa3, 0xb8]],
    [followers, [0xe8, 0xee, 0xf4]],
    [leader, COLORS.healthy],
  ];
  // The topmost layer that covers a point paints it.
  return supersample(size, 4, (x, y) => {
    let c = null;
    for (const [f, col] of layers) if (f(x, y) < 0) c = col;
    return c;
  });
}

/** Every output file, keyed by path relative to the assets directory. Pure and deterministic. */
export function renderAll() {
  const files = new Map();
  for (const [state, icon] of Object.entries(TRAY_STATES)) {
    files.set(`tray/${state}.png`, encodePng(22, render(22, icon)));
    files.set(`tray/${state}@2x.png`, encodePng(44, render(44, icon)));
    files.set(`tray/${state}Template.png`, encodePng(16, render(16, icon, { template: true })));
    files.set(`tray/${state}Template@2x.png`, encodePng(32, render(32, icon, { template: true })));
    const frames = [16, 20, 24, 32].map((size) => ({ size, png: encodePng(size, render(size, icon)) }));
    files.set(`tray/${state}.ico`, encodeIco(frames));
  }
  for (const [severity, icon] of Object.entries(NOTIFY))
    files.set(`notify/${severity}.png`, encodePng(64, render(64, icon)));
  files.set('icon.png', encodePng(512, appIcon(512)));
  return files;
}

/** A zoomed preview (nearest neighbour) of every tray icon at each size on light and dark strips, for human eyes. */
function contactSheet() {
  const entries = Object.values(TRAY_STATES);
  const light = [0xf2, 0xf2, 0xf2],
    dark = [0x24, 0x24, 0x28];
  const rows = [
    { size: 44, template: false, bg: light },
    { size: 44, template: false, bg: dark },
    { size: 22, template: false, bg: light },
    { size: 22, template: false, bg: dark },
    { size: 32, template: true, bg: light },
    { size: 16, template: true, bg: dark },
  ];
  const inner = 176,
    cell = inner + 16,
    width = cell * entries.length,
    height = cell * rows.length;
  const px = new Uint8Array(width * height * 4);
  entries.forEach((icon, col) => {
    rows.forEach(({ size, template, bg }, row) => {
      const img = render(size, icon, { template });
      const z = inner / size;
      for (let y = 0; y < cell; y++) {
        for (let x = 0; x < cell; x++) {
          const sx = Math.floor((x - 8) / z),
            sy = Math.floor((y - 8) / z);
          let c = bg;
          if (sx >= 0 && sy >= 0 && sx < size && sy < size) {
            const i = (sy * size + sx) * 4;
            const ink = template && bg === dark ? [0xff, 0xff, 0xff] : [img[i], img[i + 1], img[i + 2]];
            c = mix(bg, ink, img[i + 3] / 255);
          }
          const o = ((row * cell + y) * width + col * cell + x) * 4;
          px.set([...c.map(Math.round), 255], o);
        }
      }
    });
  });
  return { width, height, px };
}

function encodeRect(width, height, rgba) {
  // encodePng is square-only; pad the sheet to a square.
  const size = Math.max(width, height);
  const sq = new Uint8Array(size * size * 4);
  for (let y = 0; y < height; y++) sq.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * size * 4);
  return encodePng(size, sq);
}

function main(argv) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const arg = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const outDir = resolve(arg('--out') ?? join(root, 'assets'));
  const files = renderAll();
  for (const [rel, bytes] of files) {
    mkdirSync(dirname(join(outDir, rel)), { recursive: true });
    writeFileSync(join(outDir, rel), bytes);
  }
  console.log(`wrote ${files.size} icon files to ${outDir}`);
  const sheet = arg('--contact-sheet');
  if (sheet) {
    const { width, height, px } = contactSheet();
    mkdirSync(dirname(resolve(sheet)), { recursive: true });
    writeFileSync(resolve(sheet), encodeRect(width, height, px));
    console.log(`contact sheet: ${resolve(sheet)}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main(process.argv.slice(2));
