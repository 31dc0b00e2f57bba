#!/usr/bin/env python3
"""Builds NotoSansSC-Labels.otf from Noto Sans CJK (OFL 1.1): the Simplified Chinese face only,
cut to the characters labels need (Latin, punctuation, CJK symbols, fullwidth forms and the whole
CJK Unified Ideographs block, so rare characters in names and addresses still print).
Run once by hand (needs python3-fonttools and fonts-noto-cjk); the result is committed.
The app never reads system fonts at run time."""
import sys
from fontTools.ttLib import TTCollection
from fontTools import subset

SRC = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
OUT = sys.argv[2] if len(sys.argv) > 2 else 'NotoSansSC-Labels.otf'

coll = TTCollection(SRC)
font = next(f for f in coll.fonts if 'SC' in f['name'].getDebugName(1))
ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x2000, 0x206F), (0x2100, 0x21FF), (0x2460, 0x24FF),
          (0x2500, 0x257F), (0x25A0, 0x25FF), (0x3000, 0x303F), (0x3100, 0x312F), (0x4E00, 0x9FFF),
          (0xFF00, 0xFFEF)]
unicodes = [u for a, b in ranges for u in range(a, b + 1)]
opts = subset.Options()
opts.layout_features = ['kern', 'vert', 'palt']
opts.name_IDs = ['*']
opts.notdef_outline = True
opts.hinting = False
opts.desubroutinize = True  # subrs would be copied whole into every PDF subset (fontkit), ~40 KB and ~15 ms a document
sub = subset.Subsetter(opts)
sub.populate(unicodes=unicodes)
sub.subset(font)
font.save(OUT)
print('wrote', OUT)
