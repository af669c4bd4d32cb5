#!/usr/bin/env python3
"""Make long (default 600 s) versions of the shared peers' 60 s pieces, at run time, outside the repository.

usage: make600.py [--seconds 600] [--shared ../shared/peers] [--dest /tmp/conch-peers]

The patches, scores and run scripts in ../shared/peers (from the project's root) are the reference: they are
not copied into this repository. This script reads them and writes DEST/{common.sh, pd/, csound/, sc/, beads/} where
every file is either a byte-for-byte copy (run.sh, common.sh, beads/pom.xml; the sox folder is not used) or the original with a
few literal replacements, listed in EDITS below. Each replacement must match exactly the number of times given,
else the script stops: a changed upstream patch then fails loudly instead of silently rendering 60 s.

What changes (S = --seconds, default 600):
  * the length: Pd `[delay 60000]` -> S*1000 ms and the `out` array 2880000 -> S*48000 samples; Csound
    `i1 0 60` -> `i1 0 S`; SuperCollider's DUR = 60.0 -> S (its end marker is DUR minus one block).
  * P2 reads a S-second input (DEST/input600.wav for S = 600); the Pd `in` array is declared that long too
    (it is `read -resize`d anyway).
  * Beads (the JVM peer): its frame count, output Sample and stop time; its run.sh builds it with Maven beside
    the copy the first time (net.beadsproject:beads:3.2), then only starts java.
  * P3 stays a granulation of the 60 s input with start positions in [0, 59.84] s, as in the originals, at the
    same 40 grains/s for S seconds: Csound schedules 40*S notes and cuts the last ones at S; Pd's and SC's
    grain positions are unchanged (Pd: absolute samples of the 60 s file; SC: a fraction 59.84/60 of the buffer,
    so SC P3 must be given the 60 s file - mkscore.py's p3 takes its input from $PEERS_IN_P3 here).
"""
import argparse, os, shutil, stat, sys

SR = 48000


def edits(seconds):
    s = seconds
    n = int(round(s * SR))
    sec = f'{s:g}'
    # (relative path, [(old, new, expected count)])
    return {
        'pd/p1_drone.pd': [
            ('array define out 2880000;', f'array define out {n};', 1),
            ('delay 60000;', f'delay {int(round(s * 1000))};', 1),
        ],
        'pd/p2_spectral.pd': [
            ('array define out 2880000;', f'array define out {n};', 1),
            ('array define in 2880000;', f'array define in {n};', 1),
            ('delay 60000;', f'delay {int(round(s * 1000))};', 1),
        ],
        'pd/p3_grains.pd': [
            ('array define out 2880000;', f'array define out {n};', 1),
            ('delay 60000;', f'delay {int(round(s * 1000))};', 1),
            # unchanged on purpose, but checked: grains still start in [0, 59.84] s of the 60 s input
            ('expr \\$f1/1000000*2872320;', 'expr \\$f1/1000000*2872320;', 1),
        ],
        'csound/p1_drone.csd': [('i1 0 60\n', f'i1 0 {sec}\n', 1)],
        'csound/p2_spectral.csd': [('i1 0 60\n', f'i1 0 {sec}\n', 1)],
        'csound/p3_grains.csd': [
            ('i1 0 60\n', f'i1 0 {sec}\n', 1),
            ('e 60\n', f'e {sec}\n', 1),
            ('while ii < 2400 do', f'while ii < {int(round(40 * s))} do', 1),
            ('idur  = (it > 59.92 ? 60 - it : 0.08)', f'idur  = (it > {s - 0.08:g} ? {sec} - it : 0.08)', 1),
            ('ipos  random 0, 59.84', 'ipos  random 0, 59.84', 1),   # unchanged, checked
        ],
        'sc/mkscore.py': [
            ('DUR = 60.0\n', f'DUR = {float(s)!r}\n', 1),
            ("('p3', p3(infile))", "('p3', p3(os.environ.get('PEERS_IN_P3', infile)))", 1),
            ('59.84 / 60.0', '59.84 / 60.0', 1),                     # unchanged, checked: fraction of 60 s file
        ],
        'beads/src/main/java/BeadsPeer.java': [
            ('static final int FRAMES = 2_880_000;', f'static final int FRAMES = {n};', 1),
            ('new Sample(60000, 1, SR);', f'new Sample({int(round(s * 1000))}, 1, SR);', 1),
            ('runForNMillisecondsNonRealTime(60000);', f'runForNMillisecondsNonRealTime({int(round(s * 1000))});', 1),
            ('rnd.nextDouble() * 59840', 'rnd.nextDouble() * 59840', 1),   # unchanged, checked: the 60 s input
        ],
    }


COPIES = ['common.sh', 'pd/run.sh', 'csound/run.sh', 'sc/run.sh', 'beads/run.sh', 'beads/pom.xml']


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument('--seconds', type=float, default=600.0)
    ap.add_argument('--shared', default=os.path.normpath(os.path.join(root, '..', 'shared', 'peers')))
    ap.add_argument('--dest', default='/tmp/conch-peers')
    a = ap.parse_args()
    if not (a.seconds > 0.08 and abs(a.seconds * SR - round(a.seconds * SR)) < 1e-6):
        sys.exit(f'make600.py: --seconds {a.seconds}: give a length above 0.08 s that is a whole number of samples')
    problems = []
    for rel in COPIES:
        src, dst = os.path.join(a.shared, rel), os.path.join(a.dest, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(src, dst)
        os.chmod(dst, os.stat(dst).st_mode | stat.S_IXUSR | stat.S_IWUSR | stat.S_IRUSR)
    for rel, subs in edits(a.seconds).items():
        src, dst = os.path.join(a.shared, rel), os.path.join(a.dest, rel)
        with open(src, encoding='utf-8') as f:
            text = f.read()
        for old, new, count in subs:
            found = text.count(old)
            if found != count:
                problems.append(f'{src}: expected {count} x {old!r}, found {found}')
                continue
            text = text.replace(old, new)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if os.path.exists(dst):
            with open(dst, encoding='utf-8') as f:
                if f.read() == text:
                    continue   # unchanged: Beads' run.sh rebuilds its jar only when its source is newer
        with open(dst, 'w', encoding='utf-8') as f:
            f.write(text)
        if rel.endswith('.py'):
            os.chmod(dst, 0o755)
    if problems:
        sys.exit('make600.py: the shared peers changed, so the long versions cannot be made faithfully:\n  '
                 + '\n  '.join(problems))
    print(f'make600.py: {a.seconds:g} s versions of {a.shared} written to {a.dest}')


if __name__ == '__main__':
    main()
