#!/usr/bin/env node
"use strict";
/**
 * Draws the add-in's icons (assets/icon-16/32/64/80/128.png): a rounded tile with three
 * metric rows, the middle one flagged, as a decision map marks a vanity metric. Plain PNG
 * written with zlib, so no image tool is needed; run it after changing the drawing.
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const TILE = [0x0f, 0x6c, 0xbd]; // Office blue
const ROW = [0xff, 0xff, 0xff];
const FLAG = [0xd1, 0x34, 0x38]; // vanity red

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function pixel(size, x, y) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const r = 0.18; // corner radius
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  const inside = (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  if (!inside) return [0, 0, 0, 0];
  for (const [top, flagged] of [[0.24, false], [0.44, true], [0.64, false]]) {
    if (v >= top && v < top + 0.12) {
      if (u >= 0.2 && u < 0.62) return [...ROW, 255];
      if (u >= 0.68 && u < 0.8) return [...(flagged ? FLAG : ROW), 255];
    }
  }
  return [...TILE, 255];
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      Buffer.from(pixel(size, x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), png(size));
}
console.log("wrote assets/icon-{16,32,64,80,128}.png");
