#!/usr/bin/env python3
"""Checks that PNG screenshots are not blank, with the standard library only (no Pillow).

usage: Scripts/png-not-blank.py FILE.png...

Decodes each PNG (8-bit greyscale, RGB, grey+alpha or RGBA, not interlaced: what Chromium writes), and
fails unless it has at least MIN_COLOURS distinct colours and at least MIN_INK of its pixels differ from
its most common colour (the page background). Prints the figures for each file.
"""
import struct
import sys
import zlib
from collections import Counter

MIN_COLOURS = 16
MIN_INK = 0.01
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def pixels(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, bytearray(), None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG (bit depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = CHANNELS[colour]
    stride = width * bpp
    raw = zlib.decompress(bytes(idat))
    previous = bytearray(stride)
    counts = Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif kind != 0:
            raise ValueError(f"unknown filter {kind} on row {y}")
        counts.update(bytes(line[i:i + bpp]) for i in range(0, stride, bpp))
        previous = line
    return width, height, counts


def main(paths):
    failed = False
    for path in paths:
        try:
            width, height, counts = pixels(path)
        except (OSError, ValueError, zlib.error) as error:
            print(f"{path}: error: {error}", file=sys.stderr)
            failed = True
            continue
        total = width * height
        ink = 1 - counts.most_common(1)[0][1] / total
        ok = len(counts) >= MIN_COLOURS and ink >= MIN_INK
        print(f"{path}: {width}x{height}, {len(counts)} colours, {ink:.1%} of pixels not background: {'ok' if ok else 'BLANK'}")
        failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
