#!/usr/bin/env bash
# Renders every point of interest of every scene under scenes/ headlessly, one PNG per POI, and
# writes a contact sheet: docs/gallery/<scene>/<poi>.png, docs/gallery/index.md and
# docs/gallery/contact-sheet.png (one row per scene).
#
#   tools/render-gallery.sh [--size WxH] [--out DIR] [--shancheng PATH] [--no-index | --index-only] [SCENE...]
#
# SCENE is a folder name under scenes/ (default: all but example). The images are reduced to
# 256 colours so that the whole gallery stays small enough to commit (about 8 MB at 640x360).
# Needs a built shancheng (default build/release/bin/shancheng), python3, and imagemagick for the
# colour reduction and the contact sheet (without it the PNGs are kept as rendered).
set -euo pipefail
cd "$(dirname "$0")/.."

size=640x360
out=docs/gallery
shancheng=build/release/bin/shancheng
index=1
render=1
scenes=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --shancheng) shancheng="$2"; shift 2 ;;
    --no-index) index=0; shift ;;
    --index-only) render=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "render-gallery: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) scenes+=("$1"); shift ;;
  esac
done
if [[ $render -eq 1 && ! -x "$shancheng" ]]; then
  echo "render-gallery: $shancheng not found; build it first (cmake --build --preset release) or pass --shancheng" >&2
  exit 1
fi
command -v python3 >/dev/null || { echo "render-gallery: needs python3" >&2; exit 1; }
# Prints one field of a scene file: "pois" (the POI ids, one a line), "title", or "index NAME"
# (the markdown list of that scene's POIs and their pictures).
scene_field() {
  python3 - "$@" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
what = sys.argv[2]
if what == "pois":
    print("\n".join(p["id"] for p in doc["pois"]))
elif what == "title":
    print(f'{doc["title"]["en"]} · {doc["title"]["zh-CN"]}')
else:
    for p in doc["pois"]:
        png = f'{sys.argv[3]}/{p["id"]}.png'
        shown = f'![{p["name"]["en"]}]({png})' if os.path.exists(os.path.join(sys.argv[4], png)) else '(not rendered)'
        print(f'- **{p["name"]["en"]}** · {p["name"]["zh-CN"]} (`{p["id"]}`)\n\n  {shown}\n')
PY
}
have_magick=0
command -v convert >/dev/null && command -v montage >/dev/null && have_magick=1

if [[ ${#scenes[@]} -eq 0 ]]; then
  for f in scenes/*/*.scene.json; do
    name=$(basename "$(dirname "$f")")
    [[ "$name" == example ]] && continue
    scenes+=("$name")
  done
fi

mkdir -p "$out"
failed=0
for name in "${scenes[@]}"; do
  [[ $render -eq 1 ]] || break
  file="scenes/$name/$name.scene.json"
  [[ -f "$file" ]] || { echo "render-gallery: $file not found" >&2; failed=1; continue; }
  mkdir -p "$out/$name"
  for poi in $(scene_field "$file" pois); do
    png="$out/$name/$poi.png"
    if "$shancheng" -q render "$file" --poi "$poi" --size "$size" --out "$png"; then
      if [[ $have_magick -eq 1 ]]; then
        convert "$png" +dither -colors 256 -strip "PNG8:$png.tmp" && mv "$png.tmp" "$png"
      fi
      echo "$png"
    else
      echo "render-gallery: $file --poi $poi failed" >&2
      failed=1
    fi
  done
done

if [[ $index -eq 1 ]]; then
  {
    echo "# Gallery: every point of interest of every scene"
    echo
    echo "Rendered headlessly by \`tools/render-gallery.sh\` (\`shancheng render <scene> --poi <id> --size $size\`)"
    echo "from each POI's desktop viewpoint, with the scene's own time of day, lights and exposure."
    echo
    for name in "${scenes[@]}"; do
      file="scenes/$name/$name.scene.json"
      [[ -f "$file" ]] || continue
      echo "## $(scene_field "$file" title)"
      echo
      echo "\`scenes/$name/$name.scene.json\`"
      echo
      scene_field "$file" index "$name" "$out"
    done
  } > "$out/index.md"
  if [[ $have_magick -eq 1 ]]; then
    rows=()
    for name in "${scenes[@]}"; do
      ls "$out/$name"/*.png >/dev/null 2>&1 || continue
      row="$out/.row-$name.png"
      montage "$out/$name"/*.png -tile x1 -geometry 240x135+2+2 -background '#202020' \
        -title "$name" -fill white -font DejaVu-Sans "$row"
      rows+=("$row")
    done
    if [[ ${#rows[@]} -gt 0 ]]; then
      convert "${rows[@]}" -background '#202020' -gravity west -append +dither -colors 256 "PNG8:$out/contact-sheet.png"
      rm -f "${rows[@]}"
    fi
  fi
  echo "$out/index.md"
fi
exit $failed
