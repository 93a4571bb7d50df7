"""Measuring whole processes: CPU time of the process tree, wall time, peak memory of the tree.

A process is started, then reaped with :func:`os.wait4`, whose resource usage is the process's own plus
that of every descendant it waited for: that is the CPU figure. When the tree is sampled (builds), the
process and all its descendants are also read from ``/proc`` (through psutil) every
:data:`SAMPLE_INTERVAL` seconds: the peak memory is the highest sum of their resident set sizes (pages
that forked workers share with their parent count once per process, so it is an upper bound; but a child
caught between its fork and its exec, still its parent's program and no larger, is its parent's pages
and is not counted again: see :func:`_tree_rss`), and the
CPU figure is the larger of wait4's and the sum of every member's last CPU time seen, because a worker
nobody waits for (a pool's workers under multiprocessing's forkserver) escapes wait4.

Cases are run in alternation (A B C, A B C, ...) after one warm-up run of each, so that none of them
gains from a quieter moment of a shared machine; figures are medians.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil  # type: ignore[import-untyped]

__all__ = [
    "SAMPLE_INTERVAL",
    "ProcessFailed",
    "Sample",
    "Summary",
    "alternate",
    "run_process",
    "summarize",
]

SAMPLE_INTERVAL = 0.1
"""Seconds between two samples of the process tree. A sample reads every process of the machine to find
the tree's members, so sampling costs CPU that the build under test no longer has: every 0.01 s (with
the tree listed twice) it took a quarter of a core, enough to make ``--jobs 2`` on two cores look 12%
slower than it is; every 0.1 s, listed once, it takes about 1%. A worker's memory peak (a PDF) lasts
longer than that."""


class ProcessFailed(RuntimeError):
    """A measured command exited with a status other than 0 (a failed build must not be timed)."""


@dataclass(frozen=True)
class Sample:
    """One run of one case."""

    cpu: float
    """User plus system seconds of the process and its reaped descendants."""
    wall: float
    """Elapsed seconds from start to exit."""
    peak_rss: int = 0
    """Highest sum of resident set sizes of the process tree seen, in bytes (0: not sampled)."""


@dataclass(frozen=True)
class Summary:
    """The medians of the timed runs of one case."""

    cpu: float
    wall: float
    peak_rss: int
    runs: int


class _TreeSampler(threading.Thread):
    """Samples a process tree until told to stop: the highest sum of its members' resident sets, and
    each member's latest CPU time (user + system, its own, not its children's)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0
        self.cpu: dict[tuple[int, float], float] = {}
        """The latest CPU seconds seen, by (pid, creation time) of every member ever seen."""
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self._sample()
            self.done.wait(SAMPLE_INTERVAL)

    def _sample(self) -> None:
        """One look at the tree: the sum of its members' resident sets, and each member's CPU time."""
        try:
            members = [self.process, *self.process.children(recursive=True)]
        except psutil.Error:
            return
        seen: dict[int, _Member] = {}
        for member in members:
            try:
                with member.oneshot():
                    seen[member.pid] = _Member(member.ppid(), tuple(member.cmdline()), member.memory_info().rss)
                    times = member.cpu_times()
                    self.cpu[(member.pid, member.create_time())] = times.user + times.system
            except psutil.Error:  # it exited between the listing and the reading
                continue
        self.peak = max(self.peak, _tree_rss(seen))


@dataclass(frozen=True)
class _Member:
    ppid: int
    cmdline: tuple[str, ...]
    rss: int


def _tree_rss(members: Mapping[int, _Member]) -> int:
    """The sum of the members' resident sets, leaving out each child that has not yet replaced its program
    (the same command line as its parent) and holds no more than its parent: a worker that starts a
    program forks (or vforks) first, and until the exec the child's resident set is the parent's own
    pages; one sample landing in that moment would count a 200 MiB worker twice. A forked child that
    grew past its parent (a worker forked from a small fork server) is counted whole."""
    total = 0
    for member in members.values():
        parent = members.get(member.ppid)
        if parent is not None and member.cmdline == parent.cmdline and member.rss <= parent.rss:
            continue
        total += member.rss
    return total


def run_process(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
    stdin: Path | None = None,
    sample_memory: bool = False,
    timeout: float | None = None,
) -> Sample:
    """Run ``argv`` to its end and measure it; :class:`ProcessFailed` (with the log's end) unless it exits 0.

    The output (stdout and stderr) goes to ``log``, or is discarded. The process leads a process group of
    its own: after ``timeout`` seconds the whole group (worker processes included) is killed, and that
    is a failure too.
    """
    out = open(log, "wb") if log is not None else open(os.devnull, "wb")  # noqa: SIM115 (closed below)
    source = open(stdin, "rb") if stdin is not None else open(os.devnull, "rb")  # noqa: SIM115
    try:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=source, start_new_session=True
        )
        timer = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL)) if timeout else None
        if timer is not None:
            timer.start()
        sampler = _TreeSampler(process.pid) if sample_memory else None
        if sampler is not None:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen.wait
        if timer is not None:
            timer.cancel()
        if sampler is not None:
            sampler.done.set()
            sampler.join()
    finally:
        out.close()
        source.close()
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log is not None else ""
        why = f"timed out after {timeout:g} s" if timeout and wall >= timeout else f"exit status {process.returncode}"
        raise ProcessFailed(f"{why}: {' '.join(argv)} (log: {log})\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    if sampler is None:
        return Sample(cpu, wall)
    # A worker whose parent never waits for it (multiprocessing's forkserver starts the pool's workers and
    # is not always reaped) is missing from wait4's figure; the samples still saw it run.
    return Sample(max(cpu, sum(sampler.cpu.values())), wall, sampler.peak)


def alternate(
    cases: Mapping[str, Callable[[], Sample]],
    repeat: int,
    *,
    warm_up: bool = True,
    optional: Collection[str] = (),
    failures: dict[str, str] | None = None,
) -> dict[str, list[Sample]]:
    """Run every case once untimed (``warm_up``), then ``repeat`` rounds of every case in the given order.

    The order is kept within each round, so a case may rely on the one before it (a no-op rebuild after
    a full build). A case named in ``optional`` that fails is dropped from the rounds that follow, its
    samples discarded and the reason kept in ``failures``; any other failure propagates.
    """
    active = dict(cases)
    samples: dict[str, list[Sample]] = {name: [] for name in cases}

    def attempt(name: str, action: Callable[[], Sample]) -> Sample | None:
        try:
            return action()
        except ProcessFailed as error:
            if name not in optional:
                raise
            if failures is not None:
                failures[name] = str(error).split("\n", 1)[0]
            del active[name]
            samples.pop(name, None)
            return None

    for round_number in range(-1 if warm_up else 0, repeat):
        for name, action in list(active.items()):
            sample = attempt(name, action)
            if sample is not None and round_number >= 0:
                samples[name].append(sample)
    return samples


def summarize(samples: Sequence[Sample]) -> Summary:
    """The medians of ``samples`` (CPU, wall and peak memory taken separately)."""
    if not samples:
        raise ValueError("no samples to summarize")
    return Summary(
        cpu=statistics.median(s.cpu for s in samples),
        wall=statistics.median(s.wall for s in samples),
        peak_rss=int(statistics.median(s.peak_rss for s in samples)),
        runs=len(samples),
    )
