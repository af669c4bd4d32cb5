#!/bin/sh
# conch process against the per-file tools a pipeline would script instead, each run on every core with xargs -P.
#
# usage: benchmarks/compare-batch.sh [--files 200] [--seconds 10] [--variations 1000] [--jobs N] [--only files|variations]
#
#  files:      F files of S seconds (stereo, 48 kHz, 24-bit) through benchmarks/batch/lowpass.xml (a Biquad RBJ
#              low-pass, 1 kHz, q 1/sqrt 2) in one `conch process --jobs N`, against `sox -D IN OUT lowpass 1000
#              0.7071067811865476q` per file under `xargs -PN`. Every output pair is compared (sox -m ... -n stats):
#              the largest difference is printed and must stay below 3e-7 (2.5 steps of 24 bits). sox is also
#              timed with a `sync` after it, which puts its outputs on the disk as Conch's are before each is renamed
#              into place (the same guarantee; sox alone leaves them in the page cache).
#  variations: V variations of networks/bench/p1-drone.xml, 10 s each, saw frequency and drive drawn (uniform
#              40..110 Hz, 1..6), in one `conch process`, against V runs of the P1 patch of ../shared/peers/pd
#              (rewritten per variation with the same frequency and drive, from Conch's manifest, and 10 s long)
#              under `xargs -PN`.
# Installs sox and Pd with apt-get when missing. Work goes to /tmp/conch-batch (CONCH_BATCH_TMP). Conch runs from a
# copy of cli/target/conch.jar through ./conch (CONCH_JAR), as a user runs it. Prints a Markdown table.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/peers"
dest=${CONCH_BATCH_TMP:-/tmp/conch-batch}
files=200; seconds=10; variations=1000; jobs=$(nproc); only=""

usage() { echo "usage: $0 [--files 200] [--seconds 10] [--variations 1000] [--jobs N] [--only files|variations]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --files) files=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --variations) variations=${2:?}; shift 2 ;;
    --jobs) jobs=${2:?}; shift 2 ;;
    --only) only=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "$0: unknown option $1" >&2; usage ;;
  esac
done
for n in "$files" "$seconds" "$variations" "$jobs"; do
  case $n in ''|*[!0-9]*|0) echo "$0: $n: give whole numbers, 1 or more" >&2; exit 2 ;; esac
done

missing=""
command -v sox >/dev/null 2>&1 || missing="$missing sox"
[ "$only" = files ] || command -v pd >/dev/null 2>&1 || missing="$missing puredata-core"
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

jar="$root/cli/target/conch.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package -pl cli -am)
mkdir -p "$dest"
cp "$jar" "$dest/conch.jar"
conch() { CONCH_JAR="$dest/conch.jar" "$root/conch" "$@"; }
# the launcher makes its class-data archive (or JDK 25's AOT cache) on a jar's first run, once, in a few seconds:
# made here, so that the timed runs are the ones a user sees every day after. A render, not a validate: the launcher
# runs render and process on JDK 25 when it is installed, and validate on the PATH's Java, whose archive process
# would not use (so the first timed batch used to make JDK 25's cache inside its time)
conch validate "$root/benchmarks/batch/lowpass.xml" >/dev/null
conch render "$root/networks/glass-drone.xml" --seconds 0.2 -qo "$dest/warm-up.wav"
# untimed too: the launcher's first process after a build makes its AOT cache for process (JDK 25), a few seconds
conch process "$root/networks/bench/p1-drone.xml" -o "$dest/warm-up" --seconds 0.2 --force --quiet

# wall seconds of a command, to millisecond precision
wall() {
  t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }'
}

echo "| task | program | wall s | conch faster by |"
echo "|---|---|---|---|"

if [ "$only" != variations ]; then
  rm -rf "$dest/in" "$dest/sox" "$dest/conch"
  mkdir -p "$dest/in" "$dest/sox" "$dest/conch"
  # one seeded source (pink noise and a sweep), copied: the tools cannot tell copies apart
  sox -R -n -r 48000 -c 2 -b 24 "$dest/source.wav" synth "$seconds" pinknoise synth "$seconds" sine mix 50-5000 gain -8
  i=1
  while [ "$i" -le "$files" ]; do cp "$dest/source.wav" "$(printf '%s/in/f%04d.wav' "$dest" "$i")"; i=$((i + 1)); done
  # the copies just made out of the page cache first (untimed), so that neither tool pays for their write-back
  sync
  sox_s=$(wall sh -c "ls '$dest'/in/*.wav | xargs -P$jobs -I{} sh -c 'sox -D \"\$1\" \"$dest/sox/\$(basename \"\$1\")\" lowpass 1000 0.7071067811865476q' _ {}")
  # sox leaves its outputs in the page cache, for the kernel to write back later; Conch forces each output to the
  # disk before renaming it into place. The sync puts sox's outputs where Conch's are, for the same-guarantee row
  sync_s=$(wall sync)
  sox_synced_s=$(echo "$sox_s $sync_s" | awk '{ printf "%.3f", $1 + $2 }')
  conch_s=$(wall conch process "$root/benchmarks/batch/lowpass.xml" "$dest/in" -o "$dest/conch" --jobs "$jobs" --force --quiet)
  worst=0
  for f in "$dest"/sox/*.wav; do
    # stats gives the difference's peak in dB to 0.01 dB (stat's 6 decimals would round 1e-7 to 0)
    d=$(sox -m -v 1 "$f" -v -1 "$dest/conch/$(basename "$f")" -n stats 2>&1 \
        | awk '/^Pk lev dB/ { print ($4 == "-inf") ? 0 : 10 ^ ($4 / 20) }')
    worst=$(echo "$worst $d" | awk '{ print ($2 > $1) ? $2 : $1 }')
  done
  echo "| $files files x ${seconds} s, Biquad low-pass | sox, xargs -P$jobs | $sox_s | $(echo "$sox_s $conch_s" | awk '{ printf "%.2fx", $1 / $2 }') |"
  echo "| | sox, xargs -P$jobs, then sync (its outputs on the disk too) | $sox_synced_s | $(echo "$sox_synced_s $conch_s" | awk '{ printf "%.2fx", $1 / $2 }') |"
  echo "| | conch process --jobs $jobs | $conch_s | largest difference from sox: $worst |"
  echo "$worst" | awk '{ exit !($1 < 3e-7) }' || { echo "$0: Conch and sox differ by $worst" >&2; exit 1; }
fi

if [ "$only" != files ]; then
  [ -f "$shared/pd/p1_drone.pd" ] || { echo "$0: the P1 patch is not at $shared/pd (the project's ../shared/peers)" >&2; exit 2; }
  rm -rf "$dest/var-conch" "$dest/var-pd" "$dest/patches"
  mkdir -p "$dest/var-pd" "$dest/patches"
  conch_s=$(wall conch process "$root/networks/bench/p1-drone.xml" -o "$dest/var-conch" --seconds 10 --count "$variations" \
      --seed 1 --vary "saw.frequency=uniform(40,110)" --vary "shape.drive=uniform(1,6)" --bits 32f --force --quiet)
  # the same variations for Pd: the P1 patch made 10 s long, with Conch's frequency and drive written in
  frames=480000
  tail -n +2 "$dest/var-conch/manifest.csv" | while IFS=, read -r file input seed secs fr rate peak rms freq drive; do
    sed -e "s/array define out 2880000/array define out $frames/" -e "s/delay 60000/delay 10000/" \
        -e "s/phasor~ 55/phasor~ $freq/" -e "s/tanh(3\*/tanh($drive*/" \
        "$shared/pd/p1_drone.pd" > "$dest/patches/${file%.wav}.pd"
  done
  pd_s=$(wall sh -c "ls '$dest'/patches/*.pd | xargs -P$jobs -I{} sh -c 'pd -nogui -noaudio -nomidi -batch -r 48000 -open \"\$1\" -send \"out symbol $dest/var-pd/\$(basename \"\$1\" .pd).wav\" >/dev/null 2>&1' _ {}")
  made=$(ls "$dest/var-pd" | wc -l)
  [ "$made" -eq "$variations" ] || { echo "$0: Pd wrote $made of $variations files" >&2; exit 1; }
  echo "| $variations variations x 10 s of P1 | Pd 0.53, xargs -P$jobs | $pd_s | $(echo "$pd_s $conch_s" | awk '{ printf "%.2fx", $1 / $2 }') |"
  echo "| | conch process --jobs $jobs (default) | $conch_s | |"
fi
