#!/usr/bin/env python3
"""Time Conch against the peers (Pd, Csound, scsynth) on the long reference pieces; called by compare-peers.sh.

usage: compare.py --root ROOT --dest DIR [--runs 5] [--pieces p1,p2,p3] [--peers pd,csound,sc,beads] [--seconds 600]

compare-peers.sh has already made DIR (make600.py: the peers' pieces at --seconds), the inputs and the jar.
Per piece: every program (each peer, then Conch) renders once untimed (warm-up: disk cache, JIT-less start-up
paths, and a probe that the program works), then RUNS rounds; each round runs every program once, the order
rotated by one each round so no program always runs first or right after the heaviest one. A run is timed as a
whole process (python's perf_counter around subprocess.run: start-up, file loading and writing included).
Every output is checked: a RIFF WAV, 32-bit float, mono, 48 kHz, exactly seconds*48000 frames (parsed from the
'data' chunk here, not trusted to a library), and not silent (RMS from `sox OUT -n stat` above 1e-3).

Conch in-process: `conch bench NET --json --seconds S --warmup 30` when the jar has a bench command; its
realtimeFactor gives the wall time after JIT warm-up (S / realtimeFactor). Without it the cells say n/a.

Standard library only. Writes the Markdown report to DIR/results.md and prints it.
"""
import argparse, glob, hashlib, json, os, platform, re, statistics, struct, subprocess, sys, time
import xml.etree.ElementTree as ET

SR = 48000
PEER_NAMES = {'pd': 'Pd', 'csound': 'Csound', 'sc': 'scsynth (NRT)', 'beads': 'Beads 3.2 (JVM)'}
# Pieces a peer cannot play, with why (its run.sh exits 3 for them): left out of the rounds, said in the notes.
CANNOT = {('beads', 'p2'): 'Beads 3.2 has forward FFT analysis only, no inverse FFT or overlap-add resynthesis'}
PEER_PACKAGES = ['puredata-core', 'csound', 'supercollider-server', 'sc3-plugins-server', 'sox']
# Which input each piece reads: 'long' = the S-second input (P2 filters it all), '60' = the 60 s input
# (P3 granulates [0, 59.84] s of it, as in the 60 s originals), None = no input (P1 is a pure synth).
PIECE_INPUT = {'p1': None, 'p2': 'long', 'p3': '60'}
PIECE_TITLE = {'p1': 'P1 drone', 'p2': 'P2 spectral', 'p3': 'P3 grains'}
# Output RMS of the peers' 60 s versions (../shared/peers/README.md; the same at 600 s to 4 digits): a program
# far from it renders a different piece, so its time means little. P3's grains are random (each program has its
# own generator), hence the wider tolerance.
EXPECTED_RMS = {'p1': (0.40404, 0.01), 'p2': (0.11312, 0.01), 'p3': (0.2031, 0.02)}


def wav_frames(path):
    """(frames, problem) from a WAV's own chunks: fmt must be mono 48 kHz 32-bit float; frames = data bytes / 4."""
    try:
        with open(path, 'rb') as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] not in (b'RIFF', b'RF64') or head[8:12] != b'WAVE':
                return None, 'not a RIFF WAVE file'
            ds64_data = None
            fmt = None
            while True:
                ch = f.read(8)
                if len(ch) < 8:
                    return None, 'no data chunk'
                cid, size = ch[:4], struct.unpack('<I', ch[4:])[0]
                if cid == b'ds64':
                    body = f.read(size)
                    ds64_data = struct.unpack('<Q', body[8:16])[0]
                    f.seek(size % 2, 1)
                elif cid == b'fmt ':
                    body = f.read(size)
                    tag, channels, rate = struct.unpack('<HHI', body[:8])
                    bits = struct.unpack('<H', body[14:16])[0]
                    if tag == 0xFFFE and size >= 26:       # WAVE_FORMAT_EXTENSIBLE: the subformat's first 2 bytes
                        tag = struct.unpack('<H', body[24:26])[0]
                    fmt = (tag, channels, rate, bits)
                    f.seek(size % 2, 1)
                elif cid == b'data':
                    if fmt is None:
                        return None, 'data before fmt'
                    if size == 0xFFFFFFFF and ds64_data is not None:
                        size = ds64_data
                    tag, channels, rate, bits = fmt
                    if (tag, channels, rate, bits) != (3, 1, SR, 32):
                        return None, f'format tag {tag}, {channels} ch, {rate} Hz, {bits} bit (want float, 1, {SR}, 32)'
                    return size // 4, None
                else:
                    f.seek(size + size % 2, 1)
    except OSError as e:
        return None, str(e)


def sox_rms(path):
    r = subprocess.run(['sox', path, '-n', 'stat'], capture_output=True, text=True)
    m = re.search(r'RMS\s+amplitude\s*:\s*([-\d.e+]+)', r.stderr)
    return float(m.group(1)) if m else None


def file_params(net):
    """--set NODE.file=... for every node that reads a file (a 'file' param on a node whose type is no *Writer)."""
    ids = []
    for node in ET.parse(net).getroot().iter('node'):
        if node.get('type', '').endswith('Writer'):
            continue
        if any(p.get('name') == 'file' for p in node.iter('param')):
            ids.append(node.get('id'))
    return ids


class Program:
    def __init__(self, name, label, cmd, env, cwd, out):
        self.name, self.label, self.cmd, self.env, self.cwd, self.out = name, label, cmd, env, cwd, out
        self.walls, self.failure, self.rms, self.verdict = [], None, None, 'ok'


def launcher(root):
    """Conch runs through its own launcher, as a user runs it: the JVM options (class-data sharing archive, the
    serial collector for batch commands) live there and only there."""
    return os.path.join(root, 'conch')


def conch_env(jar):
    """The launcher runs the frozen copy of the jar (CONCH_JAR: no build, its own CDS archive beside it)."""
    env = dict(os.environ)
    env['CONCH_JAR'] = jar
    return env


def run_timed(p, log):
    if os.path.exists(p.out):
        os.remove(p.out)
    log.write('$ ' + ' '.join(p.cmd) + '\n'); log.flush()
    t0 = time.perf_counter()
    rc = subprocess.run(p.cmd, env=p.env, cwd=p.cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=log).returncode
    wall = time.perf_counter() - t0
    return rc, wall


def check(p, frames_wanted):
    frames, problem = wav_frames(p.out)
    if problem:
        return f'{os.path.basename(p.out)}: {problem}'
    if frames != frames_wanted:
        return f'{os.path.basename(p.out)} has {frames} samples, want {frames_wanted}'
    return None


def conch_bench(jar, root, net, seconds, sets, log):
    """In-process realtime factor from `conch bench --json`, or (None, reason)."""
    cmd = [launcher(root), 'bench', net, '--json', '--seconds', f'{seconds:g}', '--warmup', '30'] + sets
    log.write('$ ' + ' '.join(cmd) + '\n'); log.flush()
    r = subprocess.run(cmd, cwd=root, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=conch_env(jar))
    log.write(r.stdout + r.stderr); log.flush()
    if r.returncode != 0:
        return None, f'bench exit {r.returncode}'
    try:
        data = json.loads(r.stdout[r.stdout.index('{'):r.stdout.rindex('}') + 1])
    except ValueError:
        return None, 'bench printed no JSON'

    def find(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == 'realtimeFactor' and isinstance(v, (int, float)):
                    return float(v)
                got = find(v)
                if got is not None:
                    return got
        elif isinstance(o, list):
            for v in o:
                got = find(v)
                if got is not None:
                    return got
        return None
    top = data.get('realtimeFactor') if isinstance(data, dict) else None   # the median run's, at the top level
    rtf = float(top) if isinstance(top, (int, float)) else find(data)
    return (rtf, None) if rtf and rtf > 0 else (None, 'no realtimeFactor in the JSON')


def machine(jar, root):
    lines = []
    cpu = 'unknown'
    try:
        with open('/proc/cpuinfo') as f:
            m = re.search(r'model name\s*:\s*(.*)', f.read())
            cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    java = subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.strip().splitlines()
    lines.append(f'- machine: {os.cpu_count()} cores (nproc), CPU {cpu}, {platform.platform()}')
    lines.append(f'- java: {" / ".join(java)}')
    vers = subprocess.run(['dpkg-query', '-W', '-f', '${Package} ${Version}\\n'] + PEER_PACKAGES,
                          capture_output=True, text=True).stdout.strip().splitlines()
    lines.append('- peers (dpkg-query): ' + ', '.join(vers))
    conch = subprocess.run([launcher(root), '--version'], cwd=root, capture_output=True, text=True, env=conch_env(jar))
    rev = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=root, capture_output=True, text=True)
    dirty = subprocess.run(['git', 'status', '--porcelain', '--', 'engine', 'processors', 'cli'], cwd=root,
                           capture_output=True, text=True)
    with open(jar, 'rb') as f:
        sha = hashlib.sha256(f.read()).hexdigest()[:12]
    lines.append(f'- conch: {conch.stdout.strip() or "?"} ({jar}, sha256 {sha}, a copy of cli/target/conch.jar '
                 f'taken at the start), git {rev.stdout.strip() or "?"}'
                 + (' with uncommitted changes in engine/processors/cli' if dirty.stdout.strip() else ''))
    return lines


def fmt_ratio(peer_med, conch_med):
    return f'{peer_med / conch_med:.2f}' if peer_med and conch_med else 'n/a'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', required=True)
    ap.add_argument('--dest', required=True)
    ap.add_argument('--jar', required=True)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--pieces', default='p1,p2,p3')
    ap.add_argument('--peers', default='pd,csound,sc,beads')
    ap.add_argument('--seconds', type=float, default=600.0)
    ap.add_argument('--long-input', required=True)
    ap.add_argument('--input60', required=True)
    a = ap.parse_args()
    S = a.seconds
    frames_wanted = int(round(S * SR))
    out_dir = os.path.join(a.dest, 'out')
    os.makedirs(out_dir, exist_ok=True)
    # `conch bench --help` would print the top-level usage and exit 0 even without a bench command, so look for
    # bench in the list of commands instead.
    usage = subprocess.run([launcher(a.root), '--help'], cwd=a.root, capture_output=True, text=True, env=conch_env(a.jar),
                           stdin=subprocess.DEVNULL).stdout
    has_bench = re.search(r'^\s+bench\s', usage, re.M) is not None
    load_before = os.getloadavg()
    rows = []        # (piece, program label, median, min, max, realtime, ratio whole, ratio in-process, rms, check)
    notes = []
    for piece in a.pieces.split(','):
        title = PIECE_TITLE.get(piece, piece.upper())
        kind = PIECE_INPUT.get(piece, 'long')
        infile = {'long': a.long_input, '60': a.input60, None: a.long_input}[kind]
        programs = []
        for peer in a.peers.split(','):
            if (peer, piece) in CANNOT:
                notes.append(f'{title}: {PEER_NAMES.get(peer, peer)} not run: {CANNOT[(peer, piece)]}.')
                continue
            env = dict(os.environ, PEERS_TMP=a.dest, PEERS_IN=infile, PEERS_OUT=out_dir)
            out = os.path.join(out_dir, f'{peer}_{piece}.wav')
            programs.append(Program(peer, PEER_NAMES.get(peer, peer),
                                    [os.path.join(a.dest, peer, 'run.sh'), piece, out], env, a.dest, out))
        nets = sorted(glob.glob(os.path.join(a.root, 'networks', 'bench', f'{piece}-*.xml')))
        conch = None
        sets = []
        if not nets:
            notes.append(f'{title}: no Conch network networks/bench/{piece}-*.xml yet, so Conch was not run.')
        else:
            net = os.path.relpath(nets[0], a.root)
            for node in file_params(nets[0]):
                sets += ['--set', f'{node}.file={infile}']
            out = os.path.join(out_dir, f'conch_{piece}.wav')
            conch = Program('conch', 'Conch (whole process)',
                            [launcher(a.root), 'render', net, '-o', out, '--bits', '32f', '-q',
                             '--seconds', f'{S:g}'] + sets, conch_env(a.jar), a.root, out)
            programs.append(conch)
        with open(os.path.join(a.dest, f'log_{piece}.txt'), 'w') as log:
            for p in programs:                                   # warm-up, and a probe that it works at all
                rc, wall = run_timed(p, log)
                problem = f'exit {rc}' if rc != 0 else check(p, frames_wanted)
                if problem:
                    p.failure = f'warm-up failed: {problem} (see {log.name})'
                print(f'{piece} warm-up {p.name:7s} {wall:7.3f} s {p.failure or "ok"}', file=sys.stderr, flush=True)
            live = [p for p in programs if not p.failure]
            for r in range(a.runs):
                order = live[r % len(live):] + live[:r % len(live)] if live else []
                for p in order:
                    if p.failure:
                        continue
                    rc, wall = run_timed(p, log)
                    problem = f'exit {rc}' if rc != 0 else check(p, frames_wanted)
                    if problem:
                        p.failure = f'run {r + 1}: {problem} (see {log.name})'
                    p.walls.append(wall)
                    print(f'{piece} run {r + 1} {p.name:7s} {wall:7.3f} s {problem or "ok"}',
                          file=sys.stderr, flush=True)
            for p in live:
                if not p.failure:
                    p.rms = sox_rms(p.out)
                    if p.rms is None or not p.rms > 1e-3:
                        p.failure = f'silent or unreadable (RMS {p.rms})'
                    elif piece in EXPECTED_RMS:
                        want, tol = EXPECTED_RMS[piece]
                        if abs(p.rms / want - 1) > tol:
                            p.verdict = f'RMS differs from the peers\' ~{want} by {100 * (p.rms / want - 1):+.0f} %'
            inproc = None
            if conch is not None and not conch.failure:
                if has_bench:
                    rtf, why = conch_bench(a.jar, a.root, os.path.relpath(nets[0], a.root), S, sets, log)
                    inproc = rtf
                    if why:
                        notes.append(f'{title}: conch bench gave no figure ({why}; see {log.name}).')
        conch_med = statistics.median(conch.walls) if conch and conch.walls and not conch.failure else None
        inproc_wall = S / inproc if inproc else None
        for p in programs:
            if p.failure or not p.walls:
                rows.append((title, p.label, 'failed', '-', '-', '-', '-', f'{p.failure}'))
                continue
            med = statistics.median(p.walls)
            is_conch = p is conch
            rows.append((title, p.label, f'{med:.3f} ({min(p.walls):.3f}-{max(p.walls):.3f})', f'{S / med:.0f}',
                         '1' if is_conch else fmt_ratio(med, conch_med),
                         fmt_ratio(med, inproc_wall) if not is_conch else '-',
                         f'{p.rms:.5f}', p.verdict))
        if conch is not None:
            if inproc_wall:
                rows.append((title, 'Conch in-process (after warm-up)', f'{inproc_wall:.3f}', f'{inproc:.0f}',
                             '-', '1', '-', 'bench --json'))
            else:
                rows.append((title, 'Conch in-process (after warm-up)', 'n/a', 'n/a', '-', 'n/a', '-',
                             'no `conch bench` in this jar' if not has_bench else 'bench failed'))
    load_after = os.getloadavg()
    head = ['| piece | program | median wall s (min-max) | realtime x | Conch ratio, whole process | '
            'Conch ratio, in-process | RMS | check |',
            '|---|---|---|---|---|---|---|---|']
    table = head + ['| ' + ' | '.join(r) + ' |' for r in rows]
    text = [f'# Conch vs peers, {S:g} s pieces', '',
            f'{a.runs} timed rounds after 1 warm-up run each; programs alternate within a round (order rotated '
            f'each round). Wall time is the whole process (start-up, loading, writing); realtime x = {S:g} s / '
            'median wall. Conch ratio = peer median / Conch median, so > 1 means Conch is faster: "whole process" '
            'against `conch render` (JVM start-up included), "in-process" against Conch\'s own timing after JIT '
            'warm-up (`conch bench`), which leaves out start-up, so it flatters Conch compared with the peers\' '
            'whole-process times. Each output checked: float WAV, mono, 48 kHz, exactly '
            f'{frames_wanted} samples, RMS > 1e-3.', '']
    text += table + ['']
    text += machine(a.jar, a.root)
    text.append(f'- load average (1 min) before / after: {load_before[0]:.2f} / {load_after[0]:.2f}')
    text += [f'- note: {n}' for n in notes]
    report = '\n'.join(text) + '\n'
    with open(os.path.join(a.dest, 'results.md'), 'w') as f:
        f.write(report)
    print(report)
    return 1 if any(r[7] not in ('ok', 'bench --json') and 'n/a' not in r[2] for r in rows) else 0


if __name__ == '__main__':
    sys.exit(main())
