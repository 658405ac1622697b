#!/usr/bin/env bash
# Builds assets/fonts/NotoSansCJK-subset.otf: the Han characters that the geodata and the
# facts quote (the Chinese names of the gates facing Lạng Sơn's, in the places table's
# notes) and the arrows the UI's strings use (Noto Sans has none), cut from Debian's Noto Sans CJK SC (SIL OFL 1.1), so the app can show them
# without shipping a 20 MB font. Run it again when tests/fonts.rs reports a missing glyph.
# Needs: apt-get install fonts-noto-cjk python3-fonttools
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
chars=$(cat geodata/*.geojson geodata/*.json seeds/*.txt seeds/index.json $(find src -name '*.rs') \
  | python3 -c 'import sys; t=sys.stdin.read(); print("".join(sorted({c for c in t if 0x2E80 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF or 0x2190 <= ord(c) <= 0x21FF})))')
echo "characters: $chars"
# Face 2 of the collection is Simplified Chinese (SC), the script of the Guangxi names.
/usr/bin/python3 -m fontTools.subset "$src" --font-number=2 --text="$chars" --output-file=assets/fonts/NotoSansCJK-subset.otf \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='*' --name-legacy
ls -l assets/fonts/NotoSansCJK-subset.otf
