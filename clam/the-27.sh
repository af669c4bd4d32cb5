#!/usr/bin/env bash
# For each of the 27 CLAM networks that need only the processors issue 18 lists (FORMAT-NOTES section 3: 14 at level
# (a), 13 added by (b)): whether it imports, validates, renders and plays, and the first line of why not. The render
# and play take what ClamCorpusTest gives them: a mono tone per input channel, the network's own file writers pointed
# into a temporary folder, a tone for each file reader whose file CLAM's repository does not hold (validate takes
# the file as it is, so it fails there), 0.25 s (play: 0.1 s on the null driver).
#   clam/the-27.sh [CLAM_FOLDER]        (default ../shared/clam beside the repository)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clam="${1:-$here/../shared/clam}"
conch="$here/conch"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

files=(
  CLAM/examples/PluginExamples/ClamLadspaPluginExample/wire.clamnetwork
  CLAM/examples/PluginExamples/Lv2PluginExample/othercable.clamnetwork
  CLAM/examples/PluginExamples/Lv2PluginExample/stereocable.clamnetwork
  CLAM/plugins/Filters/Notch2ndOrder/Notch2ndOrder_example.clamnetwork
  CLAM/plugins/sndfile/captureExample.clamnetwork
  CLAM/plugins/sndfile/capture_4ch_file.clamnetwork
  CLAM/plugins/sndfile/playbackExample.clamnetwork
  CLAM/plugins/sndfile/playback_stereofile_example.clamnetwork
  CLAM/plugins/spacialization/example-data/speakerLocalization.clamnetwork
  CLAM/plugins/spacialization/ladspa/dummy_azimuth_elevation_controls.clamnetwork
  CLAM/plugins/spacialization/ladspa/fake_bformat2binaural.clamnetwork
  CLAM/plugins/spacialization/ladspa/fake_bformat2surround.clamnetwork
  NetworkEditor/example-data/configurationBinder.clamnetwork
  NetworkEditor/example-data/wire.clamnetwork
  CLAM/plugins/Filters/AdaptativeNotch/example.clamnetwork
  CLAM/plugins/Filters/AdaptativeNotch/example2.clamnetwork
  CLAM/plugins/Filters/WhiteNoise/WhiteNoiseToWav.clamnetwork
  CLAM/plugins/GuitarEffects/Dist1.clamnetwork
  CLAM/plugins/GuitarEffects/SimpleDistortionNetwork.clamnetwork
  CLAM/plugins/GuitarEffects/TestAll.clamnetwork
  CLAM/plugins/expression/example.clamnetwork
  NetworkEditor/example-data/FilePlayer.clamnetwork
  NetworkEditor/example-data/bools.clamnetwork
  NetworkEditor/example-data/externalSimpleModulator.clamnetwork
  NetworkEditor/example-data/simpleModulator.clamnetwork
  NetworkEditor/example-data/spectralNetwork.clamnetwork
  bugs/000001/test_bool_parser.clamnetwork
)

# a 0.5 s mono tone at 44.1 kHz, as ClamCorpusTest's
python3 - "$tmp/tone.wav" <<'EOF'
import math, struct, sys, wave
w = wave.open(sys.argv[1], "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(44100)
w.writeframes(b"".join(struct.pack("<h", round(0.5 * 32767 * math.sin(2 * math.pi * 330 * i / 44100))) for i in range(22050)))
w.close()
EOF

"$conch" list >/dev/null # builds the jar once, before the timing of anything else
why() { grep -v '^imported \|^  \|: warning: ' "$1" | head -1 | cut -c1-160; }
counts=(0 0 0 0)
printf '%-78s %-6s %-8s %-6s %-4s\n' file import validate render play
for f in "${files[@]}"; do
  path="$clam/$f"
  row=() reasons=() substituted=()
  "$conch" import "$path" -o "$tmp/net.xml" >"$tmp/out" 2>"$tmp/err" && ok=1 || ok=0
  if [ $ok = 0 ]; then
    printf '%-78s %-6s\n    %s\n' "$f" no "$(why "$tmp/err")"
    continue
  fi
  counts[0]=$((counts[0] + 1))
  args=()
  inputs="$(grep -o 'type="AudioInput"[^>]*' "$tmp/net.xml" | head -1)"
  channels="$(python3 -c 'import re,sys; t=open(sys.argv[1]).read(); m=re.search(r"<node[^>]*type=\"AudioInput\".*?(?:/>|</node>)", t, re.S); c=re.search(r"name=\"channels\"[^>]*value=\"(\d+)\"|<param name=\"channels\">(\d+)<", m.group(0)) if m else None; print((c.group(1) or c.group(2)) if c else (1 if m else 0))' "$tmp/net.xml")"
  for ((c = 0; c < channels; c++)); do args+=(-i "$tmp/tone.wav"); done
  while read -r id; do args+=(--set "$id.file=$tmp/$id.wav"); done < <(python3 -c 'import re,sys; [print(m) for m in re.findall(r"<node[^>]*id=\"([^\"]+)\"[^>]*type=\"AudioFileWriter\"", open(sys.argv[1]).read())]' "$tmp/net.xml")
  # a file reader whose file CLAM's repository does not hold gets a tone with as many channels as the network reads
  while read -r id channels; do
    python3 - "$tmp/missing-$id.wav" "$channels" <<'PY'
import math, struct, sys, wave
n = int(sys.argv[2]); w = wave.open(sys.argv[1], "wb"); w.setnchannels(n); w.setsampwidth(2); w.setframerate(44100)
w.writeframes(b"".join(struct.pack("<" + "h" * n, *[round(0.5 * 32767 * math.sin(2 * math.pi * 330 * (c + 1) * i / 44100)) for c in range(n)]) for i in range(22050)))
w.close()
PY
    args+=(--set "$id.file=$tmp/missing-$id.wav")
    substituted+=("$id")
  done < <(python3 - "$tmp/net.xml" <<'PY'
import os, re, sys
t = open(sys.argv[1]).read()
for m in re.finditer(r'<node id="([^"]+)" type="AudioFileReader"[^>]*>(.*?)</node>', t, re.S):
    f = re.search(r'<param name="file">([^<]*)</param>', m.group(2))
    if f and not os.path.isfile(f.group(1)):
        ports = [int(k) for k in re.findall(r'from="' + re.escape(m.group(1)) + r'\.out(\d+)"', t)]
        print(m.group(1), max(ports or [1]))
PY
)
  out=()
  grep -q 'type="AudioOutput"' "$tmp/net.xml" && out=(-o "$tmp/out.wav")
  if "$conch" validate "$path" >"$tmp/out" 2>"$tmp/err"; then v=yes; counts[1]=$((counts[1] + 1)); else v=no; reasons+=("validate: $(why "$tmp/err")"); fi
  r=- p=-
  if [ $v = yes ] || [ ${#substituted[@]} -gt 0 ]; then
    if "$conch" render "$path" --seconds 0.25 "${out[@]}" "${args[@]}" >"$tmp/out" 2>"$tmp/err"; then r=yes; counts[2]=$((counts[2] + 1)); else r=no; reasons+=("render: $(why "$tmp/err")"); fi
    pargs=("${args[@]/#-i/--input}")
    if "$conch" play "$path" --driver null --seconds 0.1 "${pargs[@]}" >"$tmp/out" 2>"$tmp/err"; then p=yes; counts[3]=$((counts[3] + 1)); else p=no; reasons+=("play: $(why "$tmp/err")"); fi
  fi
  printf '%-78s %-6s %-8s %-6s %-4s\n' "$f" yes "$v" "$r" "$p"
  [ ${#substituted[@]} -gt 0 ] && printf '    render and play with a tone for the file CLAM'"'"'s repository lacks: %s\n' "${substituted[*]}"
  for x in "${reasons[@]}"; do printf '    %s\n' "$x"; done
done
echo "of ${#files[@]}: ${counts[0]} import, ${counts[1]} validate, ${counts[2]} render, ${counts[3]} play"
