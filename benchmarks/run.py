"""handoutkit against its peers, and against itself, on synthetic projects, in one run: ``make bench``.

Every figure is the median of runs alternated within this one benchmark run (one warm-up run of each
case first, untimed), printed as a ratio to what it is compared with; CPU is user plus system time of
the whole process tree (``os.wait4``: the build's worker processes included), wall is elapsed time.
Read the ratios, not the seconds: the machine is shared and noisy, so no figure here belongs in a test.

Projects: 1 and 10 copies of the real handout with its real catalogs in the
project's five languages (benchmarks/synthetic.py), made in a scratch folder. Rows, per project size:

- one-output text and EPUB (``--doc D --lang en --format F``, from an empty ``output/``) vs pandoc's
  whole process converting the same Markdown (``-t plain``, ``-t epub3``);
- one PDF (smallest project) vs the WeasyPrint command line on the same HTML and CSS (whole process),
  and vs WeasyPrint rendering those files in a warm process (the floor);
- a full build vs as many peer calls as it makes outputs, each peer call's median taken from alternated
  runs, by kind: pandoc for text, SMS, EPUB and web pages (the source Markdown: pandoc does not
  translate), the WeasyPrint command for each language's PDF page, ``lou_translate`` for braille, and
  pandoc over all the project's sources for each language's collection book and page;
- a no-op rebuild and a rebuild after one ``.po`` edit vs a full build (``--force``);
- ``--jobs 2`` vs ``--jobs 1``; peak memory of the whole process tree (summed RSS, sampled from /proc).

Memory: 100 copies (``--memory-sizes``; ``--quick``: none) are built once, ``--force --jobs 2``, for
their peak memory only, printed against the 10-handout project's ``--jobs 2`` build.

Rows that need a flag the command line does not have yet print "not available" instead of a figure; a
command that fails, or hangs past its time limit (``--timeout`` for a full build, twice the first full
build for the others), makes its row say "failed" and why. The code is copied once at the start
(``export.py``, ``handoutkit/``, ``exporters/``) and every command runs that copy, so edits made to the
checkout during the run change no figure.
Bytecode: the environment of this machine sets PYTHONDONTWRITEBYTECODE, which would make every Python
process compile its modules again; every Python command here runs with a private PYTHONPYCACHEPREFIX in
the scratch folder instead, filled by the warm-up runs, so timed runs read warm ``.pyc`` files, as an
installed package's would be.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.measure import ProcessFailed, Sample, Summary, alternate, run_process, summarize  # noqa: E402
from benchmarks.peers import PEER_LANGUAGE, collection_calls, outputs_by_kind, peer_calls, peer_total  # noqa: E402
from benchmarks.synthetic import Synthetic, make_project  # noqa: E402
from benchmarks.table import Row, Section, attempt, memory_growth, print_table  # noqa: E402

__all__ = ["main"]

FULL_SIZES = (1, 10)
QUICK_SIZES = (1, 10)
MEMORY_SIZES = (100,)
"""Projects built once only, for their peak memory (a full build of 100 handouts takes about ten minutes
on two CPUs: the ratios above are measured on the smaller projects)."""


@dataclass(frozen=True)
class Features:
    """What the command line can do, read from ``export.py --help``."""

    force: bool
    jobs: bool


@dataclass
class Bench:
    """One benchmark run: its scratch folder, environment and settings."""

    work: Path
    repeat: int
    build_repeat: int
    dry_run: bool
    pandoc: str
    louis: str | None
    env: dict[str, str]
    code: Path
    """The snapshot of the code every command runs (:func:`snapshot_code`)."""
    features: Features
    timeout: float
    planned: list[str] = field(default_factory=list)
    _count: int = 0

    def log(self) -> Path:
        self._count += 1
        return self.work / "logs" / f"{self._count:05d}.log"

    def pandoc_for(self, project: Synthetic) -> list[str]:
        """pandoc reading the project's Markdown, finding its images where the handouts name them."""
        return [self.pandoc, "-f", "markdown", "--resource-path", str(project.root / "source")]

    def python(self, *args: str) -> list[str]:
        return [sys.executable, *args]

    def export(self, project: Synthetic, *args: str) -> list[str]:
        return self.python(str(self.code / "export.py"), "--project", str(project.root), "--quiet", *args)

    def run(
        self, argv: Sequence[str], *, stdin: Path | None = None, memory: bool = False, timeout: float | None = None
    ) -> Sample:
        return run_process(
            argv, env=self.env, log=self.log(), stdin=stdin, sample_memory=memory, timeout=timeout or self.timeout
        )

    def compare(
        self,
        cases: dict[str, Callable[[], Sample]],
        repeat: int,
        *,
        warm_up: bool = True,
        optional: Collection[str] = (),
        failures: dict[str, str] | None = None,
    ) -> dict[str, Summary]:
        """The medians of each case over alternated runs (a failed ``optional`` case: in ``failures``)."""
        samples = alternate(cases, repeat, warm_up=warm_up, optional=optional, failures=failures)
        return {name: summarize(runs) for name, runs in samples.items() if runs}


def bench_environment(work: Path) -> dict[str, str]:
    """This process's environment, with bytecode cached in ``work`` (see the module's docstring)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def snapshot_code(work: Path) -> Path:
    """A copy of the command line and the code it runs (``export.py``, ``handoutkit/``, ``exporters/``, and
    these benchmarks' helpers), so that every timed run uses the same code even while the checkout changes
    (a job key that digests the code would otherwise turn a no-op rebuild into a full one)."""
    code = work / "code"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("handoutkit", "exporters", "benchmarks"):
        shutil.copytree(ROOT / folder, code / folder, ignore=ignore)
    shutil.copy(ROOT / "export.py", code / "export.py")
    return code


def detect_features(env: dict[str, str], code: Path) -> Features:
    """Which of the flags the benchmark uses ``export.py`` has."""
    done = subprocess.run(
        [sys.executable, str(code / "export.py"), "--help"], env=env, capture_output=True, text=True, check=True
    )
    return Features(force="--force" in done.stdout, jobs="--jobs" in done.stdout)


def empty_output(project: Synthetic) -> None:
    shutil.rmtree(project.output, ignore_errors=True)


# One-output runs -----------------------------------------------------------------------------------


def one_output(bench: Bench, project: Synthetic, fmt: str, suffix: str, pandoc_to: str) -> Row:
    slug = project.slugs[0]
    expected = project.output / PEER_LANGUAGE / f"{slug}{suffix}"
    peer_out = bench.work / f"pandoc{suffix}"
    ours_argv = bench.export(project, "--doc", slug, "--lang", PEER_LANGUAGE, "--format", fmt)
    peer_argv = [*bench.pandoc_for(project), str(project.source(slug)), "-t", pandoc_to, "-o", str(peer_out)]
    label = f"{fmt}, one output vs pandoc -t {pandoc_to}"
    if bench.dry_run:
        bench.planned += [f"  {label}:", f"    {' '.join(ours_argv)}", f"    {' '.join(peer_argv)}"]
        return Row(label, note="dry run")

    def ours() -> Sample:
        empty_output(project)
        sample = bench.run(ours_argv)
        if not expected.is_file():
            raise SystemExit(f"the one-output run did not write {expected}")
        return sample

    found = bench.compare({"ours": ours, "pandoc": lambda: bench.run(peer_argv)}, bench.repeat)
    return Row(label, found["ours"], found["pandoc"])


def one_pdf(bench: Bench, project: Synthetic) -> list[Row]:
    slug = project.slugs[0]
    folder = bench.work / "pdf-page"
    ours_argv = bench.export(project, "--doc", slug, "--lang", PEER_LANGUAGE, "--format", "pdf")
    html, css, peer_out = folder / "page.html", folder / "page.css", folder / "weasyprint.pdf"
    cli_argv = bench.python("-m", "weasyprint", "--pdf-variant", "pdf/ua-1", "-s", str(css), str(html), str(peer_out))
    labels = ("PDF, one output vs WeasyPrint command, same HTML", "PDF, one output vs warm WeasyPrint (floor)")
    if bench.dry_run:
        bench.planned += [f"  {labels[0]}:", f"    {' '.join(ours_argv)}", f"    {' '.join(cli_argv)}"]
        bench.planned += [f"  {labels[1]}: benchmarks/warm_weasyprint.py on the same files"]
        return [Row(label, note="dry run") for label in labels]
    page_argv = bench.python("-m", "benchmarks.pdf_page", str(project.root), slug, PEER_LANGUAGE, str(folder))
    run_process(page_argv, env=bench.env, log=bench.log(), cwd=bench.code)
    warm = subprocess.Popen(
        bench.python("-m", "benchmarks.warm_weasyprint", str(html), str(css), str(folder / "warm.pdf")),
        env=bench.env,
        cwd=bench.code,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert warm.stdin is not None and warm.stdout is not None

    def floor() -> Sample:
        assert warm.stdin is not None and warm.stdout is not None
        warm.stdin.write("render\n")
        warm.stdin.flush()
        answer = warm.stdout.readline().split()
        if len(answer) != 2:
            raise SystemExit("the warm WeasyPrint process stopped (see its error above)")
        return Sample(float(answer[0]), float(answer[1]))

    def ours() -> Sample:
        empty_output(project)
        return bench.run(ours_argv)

    try:
        found = bench.compare({"ours": ours, "cli": lambda: bench.run(cli_argv), "floor": floor}, bench.repeat)
    finally:
        warm.stdin.close()
        warm.wait()
    return [Row(labels[0], found["ours"], found["cli"]), Row(labels[1], found["ours"], found["floor"])]


# Full builds --------------------------------------------------------------------------------------


def build_rows(
    bench: Bench, project: Synthetic, size: int, parallels: dict[int, Summary] | None = None
) -> tuple[list[Row], Summary | None, dict[str, int]]:
    """Full build, no-op, one .po edit, --jobs 2: the rows, the full build's summary and its outputs by
    kind (the ``--jobs 2`` build's summary goes into ``parallels``)."""
    features = bench.features
    force = ["--force"] if features.force else []
    serial = ["--jobs", "1"] if features.jobs else []
    full_argv = bench.export(project, *force, *serial)
    again_argv = bench.export(project, *serial)
    parallel_argv = bench.export(project, *force, "--jobs", "2")
    edit = project.edit()
    what = f"full build ({' '.join([*force, *serial]) or 'from an empty output/'})"
    if bench.dry_run:
        bench.planned += [f"  {what}:", f"    {' '.join(full_argv)}"]
        if features.force:
            bench.planned += [f"  no-op, and one .po edit ({edit.path.name}):", f"    {' '.join(again_argv)}"]
        if features.jobs:
            bench.planned += ["  --jobs 2:", f"    {' '.join(parallel_argv)}"]
        return [Row(what, note="dry run")], None, {}

    kinds: dict[str, int] = {}
    limit: list[float] = []
    """The other builds' time limit: twice the first full build's (a hung build must not stop the run)."""

    def full() -> Sample:
        if not features.force:
            empty_output(project)
        sample = bench.run(full_argv, memory=True)
        kinds.update(outputs_by_kind(project))
        limit[:] = limit or [max(60.0, 2 * sample.wall)]
        return sample

    def one_edit() -> Sample:
        edit.apply()
        return bench.run(again_argv, timeout=limit[0])

    cases: dict[str, Callable[[], Sample]] = {"full": full}
    if features.force:
        cases |= {"noop": lambda: bench.run(again_argv, timeout=limit[0]), "edit": one_edit}
    if features.jobs:
        cases["parallel"] = lambda: bench.run(parallel_argv, memory=True, timeout=limit[0])
    # The one-output runs before have warmed the bytecode; a build is long enough to need no warm-up.
    failures: dict[str, str] = {}
    optional = ("noop", "edit", "parallel")
    found = bench.compare(cases, bench.build_repeat, warm_up=False, optional=optional, failures=failures)
    full_summary = found["full"]
    notes = {name: f"failed: {reason}" for name, reason in failures.items()}
    if not features.force:
        notes["noop"] = notes["edit"] = "not available: export.py has no --force (no incremental builds yet)"
    if not features.jobs:
        notes["parallel"] = "not available: export.py has no --jobs"
    elif "parallel" in found:
        notes["parallel"] = f"speed-up {full_summary.wall / found['parallel'].wall:.2f}× in wall time"
    rows = [
        Row("no-op rebuild vs full build", found.get("noop"), full_summary, notes.get("noop", "")),
        Row("one .po edit vs full build", found.get("edit"), full_summary, notes.get("edit", "")),
        Row("--jobs 2 vs --jobs 1, full build", found.get("parallel"), full_summary, notes.get("parallel", "")),
        Row(f"peak RSS, {what}", full_summary, memory=True),
    ]
    if "parallel" in found:
        rows.append(Row("peak RSS, full build --jobs 2", found["parallel"], memory=True))
        if parallels is not None:
            parallels[size] = found["parallel"]
    return rows, full_summary, kinds


def memory_build(bench: Bench, project: Synthetic) -> Summary:
    """One full build (``--force --jobs 2``) of a large project, for its peak memory only."""
    argv = bench.export(project, "--force", "--jobs", "2")
    if bench.dry_run:
        bench.planned += ["  full build, once, for its peak memory:", f"    {' '.join(argv)}"]
        return Summary(0.0, 0.0, 0, 0)
    return summarize([bench.run(argv, memory=True)])


def version_of(argv: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, check=False)
    except OSError:
        return "?"
    return (done.stdout.splitlines() or ["?"])[0]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1 and 10 handouts, fewer runs (3 and 2)")
    parser.add_argument("--dry-run", action="store_true", help="make the projects, list the commands, time nothing")
    parser.add_argument("--sizes", help="comma-separated handout counts (default 1,10)")
    parser.add_argument("--repeat", type=int, help="timed runs of each one-output case (default 7; --quick: 3)")
    parser.add_argument("--build-repeat", type=int, help="timed rounds of full builds (default 3; --quick: 2)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds before a full build counts as hung and is killed (3600; the other builds: twice the first)",
    )
    parser.add_argument(
        "--memory-sizes",
        help="comma-separated handout counts built once, --jobs 2, for peak memory only (default 100; --quick: none)",
    )
    parser.add_argument("--work", type=Path, help="the scratch folder (default: a new temporary one, removed)")
    args = parser.parse_args(argv)

    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else (QUICK_SIZES if args.quick else FULL_SIZES)
    if not sizes or min(sizes) < 1:
        parser.error("--sizes: handout counts of at least 1")
    if args.memory_sizes is not None:
        memory_sizes = tuple(int(s) for s in args.memory_sizes.split(",") if s.strip())
    else:
        memory_sizes = () if args.quick else MEMORY_SIZES
    if memory_sizes and min(memory_sizes) < 1:
        parser.error("--memory-sizes: handout counts of at least 1")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("run.py: pandoc is not installed (make system installs it)", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="handoutkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "logs").mkdir(exist_ok=True)
    env = bench_environment(work)
    code = snapshot_code(work)
    bench = Bench(
        work=work,
        repeat=args.repeat or (3 if args.quick else 7),
        build_repeat=args.build_repeat or (2 if args.quick else 3),
        dry_run=args.dry_run,
        pandoc=pandoc,
        louis=shutil.which("lou_translate"),
        env=env,
        code=code,
        features=detect_features(env, code),
        timeout=args.timeout,
    )
    header = [
        f"handoutkit benchmark: {platform.node() or 'this machine'}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {version_of([pandoc, '--version'])}, "
        f"WeasyPrint {version_of(bench.python('-m', 'weasyprint', '--version')).split()[-1]}",
        f"each figure: median of {bench.repeat} alternated run(s) (full builds: {bench.build_repeat} round(s)) "
        "after an untimed warm-up; ratio = ours / base (below 1: ours is cheaper)",
        "CPU = user + system of the whole process tree (os.wait4), wall = elapsed; bytecode warm (private "
        "PYTHONPYCACHEPREFIX, filled by the warm-up runs); one-output runs start from an empty output/",
        f"code: {version_of(['git', '-C', str(ROOT), 'rev-parse', '--short', 'HEAD'])} plus the working tree, "
        f"copied once to {code} and run from there; export.py flags: "
        f"--force {'yes' if bench.features.force else 'no'}, --jobs {'yes' if bench.features.jobs else 'no'}",
    ]
    sections: list[Section] = []
    fulls: dict[int, Summary] = {}
    parallels: dict[int, Summary] = {}
    peers: dict[str, Summary] = {}
    try:
        projects = {size: make_project(ROOT, work / f"project-{size}", size) for size in (*sizes, *memory_sizes)}
        for size in sizes:
            project = projects[size]
            bench.planned.append(f"{size} handout{'s' if size > 1 else ''}:")
            section = Section(f"{size} handout{'s' if size > 1 else ''} × {len(project.catalog_dirs) + 1} languages")
            sections.append(section)
            section.rows += attempt("text, one output", one_output, bench, project, "text", ".txt", "plain")
            section.rows += attempt("epub, one output", one_output, bench, project, "epub", ".epub", "epub3")
            if size == sizes[0]:
                section.rows += attempt("PDF, one output", one_pdf, bench, project)
            try:
                rows, full, kinds = build_rows(bench, project, size, parallels)
            except ProcessFailed as error:
                section.rows.append(Row("full build", note=f"failed: {str(error).splitlines()[0]}"))
                continue
            if full is not None:
                fulls[size] = full
                if not peers:
                    peers = bench.compare(peer_calls(bench, projects[sizes[0]]), bench.repeat)
                peers |= bench.compare(collection_calls(bench, project), bench.repeat)
                total, note = peer_total(kinds, peers)
                section.rows.append(Row("full build vs the same number of peer calls", full, total, note))
            section.rows.extend(rows)
        memory_rows = []
        for size in memory_sizes:
            bench.planned.append(f"{size} handouts (memory only):")
            try:
                parallels[size] = memory_build(bench, projects[size])
            except ProcessFailed as error:
                memory_rows.append(Row(f"peak RSS, {size} handouts", note=f"failed: {str(error).splitlines()[0]}"))
                continue
            memory_rows.append(Row(f"peak RSS, {size} handouts, full build --jobs 2", parallels[size], memory=True))
        for growth in (
            memory_growth(sizes, fulls),
            memory_growth((*sizes, *memory_sizes), parallels, "full build --jobs 2") if memory_sizes else None,
        ):
            if growth is not None:
                memory_rows.append(growth)
        if memory_rows:
            sections.append(Section("memory", memory_rows))
        if args.dry_run:
            for line in header:
                print(line)
            made = ", ".join(f"{size}: {len(p.slugs)} handouts" for size, p in projects.items())
            print(f"dry run: made the projects ({made}) in {work}; the timed commands would be:")
            for line in bench.planned:
                print(line)
            return 0
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(sections, header)
    print(
        "\npeers: pandoc 2 (text, SMS: -t plain; EPUB: -t epub3; web: -t html5 -s; collections: all sources at once), "
        "WeasyPrint's command (PDF, the exporter's HTML per language), lou_translate (braille, per language)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
