#!/bin/sh
# Conch against Pd, Csound, scsynth and Beads (a JVM engine) on the three reference pieces of ../shared/peers, made S seconds long.
#
# usage: benchmarks/compare-peers.sh [--runs N] [--pieces p1,p2,p3] [--peers pd,csound,sc,beads] [--seconds 600]
#
# 1. installs the peers with apt-get if a command is missing (pd, csound, scsynth, sc3-plugins, sox, python3);
# 2. builds cli/target/conch.jar if it is missing, and runs a copy of it ($dest/conch.jar) throughout;
# 3. writes the S-second versions of the peers' pieces to /tmp/conch-peers (benchmarks/peers/make600.py: a
#    checked, literal rewrite of the shared patches; nothing is copied into the repository) and the inputs:
#    input<S>.wav (P2) and input60.wav (P3), both made with sox -R the way ../shared/peers/make_input.sh does;
# 4. runs benchmarks/peers/compare.py: per piece one warm-up run of every program, then N rounds in rotating
#    order, whole-process wall times, output checks (length, not silent), and `conch bench` for the in-process
#    figure if the jar has it. The Markdown table goes to stdout and /tmp/conch-peers/results.md.
# Set CONCH_PEERS_TMP to use another folder than /tmp/conch-peers. Exit status 1 if any program failed a check.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared/peers"
dest=${CONCH_PEERS_TMP:-/tmp/conch-peers}
runs=5; pieces=p1,p2,p3; peers=pd,csound,sc,beads; seconds=600

usage() { echo "usage: $0 [--runs N] [--pieces p1,p2,p3] [--peers pd,csound,sc,beads] [--seconds 600]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?}; shift 2 ;;
    --pieces) pieces=${2:?}; shift 2 ;;
    --peers) peers=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "$0: unknown option $1" >&2; usage ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "$0: --runs $runs: give a whole number of rounds, 1 or more" >&2; exit 2 ;; esac
[ -d "$shared" ] || { echo "$0: the peers' patches are not at $shared (the project's ../shared/peers)" >&2; exit 2; }

# --- 1. the peers, installed only when a command is missing (Debian 12 package names, as in shared/peers/README.md)
missing=""
for pair in pd:puredata-core csound:csound scsynth:supercollider-server sox:sox python3:python3; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
# PV_BinDelay (P2 in SuperCollider) comes from sc3-plugins; scsynth alone would reject the P2 SynthDef.
dpkg-query -W -f '${Status}' sc3-plugins-server 2>/dev/null | grep -q 'install ok installed' \
  || missing="$missing sc3-plugins-server"
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

# --- 2. Conch
jar="$root/cli/target/conch.jar"
if [ ! -f "$jar" ]; then
  echo "building $jar" >&2
  (cd "$root" && mvn -q -DskipTests package -pl cli -am)
fi

# Other builds may rewrite cli/target/conch.jar while this runs (a half-written jar fails to start), so every
# Conch run uses one copy, taken once it starts cleanly; results.md gives its sha256.
mkdir -p "$dest"
tries=0
until cp "$jar" "$dest/conch.jar.part" && java -jar "$dest/conch.jar.part" --version >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ $tries -lt 12 ] || { echo "$0: $jar does not start (java -jar $jar --version fails); rebuild it" >&2; exit 1; }
  echo "$jar does not start yet (being rebuilt?); retrying in 5 s" >&2; sleep 5
done
mv "$dest/conch.jar.part" "$dest/conch.jar"

# --- 3. the long pieces and their inputs
python3 "$root/benchmarks/peers/make600.py" --seconds "$seconds" --shared "$shared" --dest "$dest" >&2
mkdir -p "$dest/out"
make_input() {   # make_input FILE SECONDS: pink noise + 440 Hz sine, peak -6 dBFS, 48 kHz mono float, repeatable
  want=$(python3 -c "print(round($2 * 48000))")
  if [ ! -f "$1" ] || [ "$(soxi -s "$1" 2>/dev/null)" != "$want" ]; then
    sox -R -n -r 48000 -c 1 -e floating-point -b 32 "$1" synth "$2" pinknoise synth "$2" sine mix 440 gain -n -6
  fi
}
long_input="$dest/input$seconds.wav"
make_input "$long_input" "$seconds"
make_input "$dest/input60.wav" 60
case ",$peers," in *,sc,*)
  # the scores embed the input paths: P2 the long input, P3 the 60 s one (PEERS_IN_P3, see make600.py)
  PEERS_TMP="$dest" PEERS_IN_P3="$dest/input60.wav" python3 "$dest/sc/mkscore.py" "$long_input" >/dev/null ;;
esac

# --- 4. time and check
exec python3 "$root/benchmarks/peers/compare.py" --root "$root" --dest "$dest" --jar "$dest/conch.jar" --runs "$runs" \
  --pieces "$pieces" --peers "$peers" --seconds "$seconds" --long-input "$long_input" --input60 "$dest/input60.wav"
