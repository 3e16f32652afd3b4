#!/usr/bin/env python3
"""Writes hot-functions.txt: the functions the everyday commands run, for the linker to lay out together.

Why: a command's resident memory is mostly pages of the executable, not data. Linux maps 64 kB around
every page of code a process touches (fault-around), and the functions one command runs — its own, the
Swift runtime's, Foundation's — were spread over 18 MB of code, so `report overdue` had 10.7 MB of code
resident to run 1.6 MB of it. Package.swift hands this list to lld (`--symbol-ordering-file`, release
builds on Linux): the listed functions come first in the code, in the list's order, and each command
touches far fewer pages (DECISIONS.md, "Hot code first").

Usage (from the repository's root; needs valgrind, objcopy and nm; takes about two minutes):
    swift build -c release --product shuangyong
    Sources/shuangyong/HotCode/make_hot_functions.py .build/release/shuangyong \
        Sources/shuangyong/HotCode/hot-functions.txt
    rm .build/release/shuangyong && swift build -c release --product shuangyong
The list is written only when every run worked (to a temporary file, then renamed). The last line relinks:
the list is a linker flag's argument, not a source, so SwiftPM does not see it change. A stale list costs
memory, never correctness: a name no longer in the program is skipped by the linker, and a function
missing from the list stays where it was.

What it runs, each under callgrind, on a generated plan of 20,000 tasks (the size the memory goals are
set at), once reading the plan file and once its snapshot: `--version`, `report overdue` (text and JSON),
`report units`, `report calendar`, `render --view overview`, `edit … --progress` and `validate`. Themes
come from this checkout's Themes/ (`SHUANGYONG_THEMES`) and nothing from the user's data folder, so the
list does not depend on who runs the script or where its temporary folder is.

The order: functions run by more of those runs first (start-up code, which all run, leads); among those
run equally often, the ones run by the same commands together; then by name. A name defined more than once in the executable (the compiler's local helpers, one copy per object
file) is left out: lld would move every object section holding a copy, and most of those sections are
whole files' code that nothing else here needs.
"""
import collections
import os
import shutil
import subprocess
import sys
import tempfile

DATE = "2026-11-30"


def commands(plan, edit_plan):
    """The command lines measured, as argument lists after the program's name."""
    return [
        ["--version"],
        ["report", "overdue", "--date", DATE, plan],
        ["report", "overdue", "--date", DATE, "--format", "json", plan],
        ["report", "units", "--date", DATE, plan],
        ["report", "calendar", "--date", DATE, "--month", DATE[:7], plan],
        ["render", "--view", "overview", "--size", "200x60", "--date", DATE, plan],
        ["edit", "t10000", "--progress", "61", edit_plan],
        ["validate", plan],
    ]


def executed_functions(profile, program):
    """The names of the program's functions with any instructions in one callgrind profile."""
    names, obj, fn = set(), None, None
    with open(profile, errors="replace") as f:
        for line in f:
            if line.startswith("ob="):
                obj = line[3:].strip()
            elif line.startswith("fn="):
                fn = line[3:].strip() if obj == program else None
                if fn and not fn.startswith("0x"):
                    names.add(fn)
    return names


def defined_more_than_once(program):
    """Function names the executable's symbol table holds more than once."""
    out = subprocess.run(["nm", program], capture_output=True, text=True, check=True).stdout
    count = collections.Counter(p[2] for p in (line.split() for line in out.splitlines())
                                if len(p) == 3 and p[1] in "tTwW")
    return {name for name, n in count.items() if n > 1}


def main():
    args = sys.argv[1:]
    if len(args) != 2 or args[0] in ("-h", "--help"):
        sys.exit("usage: make_hot_functions.py RELEASE-BINARY OUTPUT\n"
                 "  e.g. make_hot_functions.py .build/release/shuangyong Sources/shuangyong/HotCode/hot-functions.txt")
    binary, output = os.path.realpath(args[0]), args[1]
    if not os.path.isfile(binary):
        sys.exit(f"make_hot_functions.py: no program at {args[0]} (build it: swift build -c release --product shuangyong)")
    missing = [tool for tool in ("valgrind", "objcopy", "nm") if shutil.which(tool) is None]
    if missing:
        sys.exit("make_hot_functions.py: needs " + ", ".join(missing) + " (Debian: apt-get install valgrind binutils)")
    themes = os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "..", "Themes")
    runs = collections.defaultdict(list)  # function -> the runs (numbered from 1) that ran it
    with tempfile.TemporaryDirectory() as work:
        program = os.path.join(work, "shuangyong")
        # valgrind cannot read the DWARF of some static-stdlib builds; the symbol table is what counts.
        subprocess.run(["objcopy", "--strip-debug", binary, program], check=True)
        plan, pristine, edit_plan = (os.path.join(work, n) for n in ("plan.json", "pristine.json", "edit.json"))
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"), XDG_DATA_HOME=os.path.join(work, "data"),
                   SHUANGYONG_THEMES=os.path.realpath(themes), TZ="UTC", LC_ALL="C.UTF-8")
        subprocess.run([program, "generate", "--tasks", "20000", "--units", "1000", "--seed", "20261129", plan],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        shutil.copyfile(plan, pristine)
        profile = os.path.join(work, "callgrind.out")
        run = 0
        for snapshots in ("off", "on"):
            for args in commands(plan, edit_plan):
                # With snapshots on, the first run writes the snapshot and the second reads it.
                for _ in range(1 if snapshots == "off" else 2):
                    shutil.copyfile(pristine, edit_plan)
                    done = subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", "--compress-strings=no",
                                           "--callgrind-out-file=" + profile, program] + args,
                                          env=dict(env, SHUANGYONG_SNAPSHOTS=snapshots),
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                    if done.returncode != 0 or not os.path.exists(profile):
                        sys.exit(f"make_hot_functions.py: `shuangyong {' '.join(args)}` failed under valgrind "
                                 f"(exit {done.returncode}):\n{done.stderr[-2000:]}")
                    run += 1
                    for name in executed_functions(profile, program):
                        runs[name].append(run)
                    os.remove(profile)
        repeated = defined_more_than_once(program)
    names = sorted((n for n in runs if n not in repeated), key=lambda n: (-len(runs[n]), runs[n], n))
    folder = os.path.dirname(os.path.abspath(output))
    with tempfile.NamedTemporaryFile("w", dir=folder, prefix=".hot-functions.", delete=False) as f:
        f.write("".join(n + "\n" for n in names))
    os.chmod(f.name, 0o644)
    os.replace(f.name, output)
    sys.stderr.write(f"{len(names)} functions written to {output} "
                     f"({len(repeated & set(runs))} defined more than once left out)\n")


if __name__ == "__main__":
    main()
