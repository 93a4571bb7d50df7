"""Worker processes for the build's tasks (:class:`handoutkit.runner.Runner` starts them for large rounds).

Workers are started by the ``forkserver`` method where there is one, ``spawn`` elsewhere (never a bare
``fork`` of a process that may hold threads). One pool serves the rounds of a chunk of handouts; the
pipeline closes it between chunks, when nothing is queued, so that workers are recycled (a worker's
memory creeps up over hundreds of jobs). ``max_tasks_per_child`` is no alternative: it stops a pool with
queued tasks on Python 3.11, python/cpython#115634. A fresh pool is also made after a worker died.

A worker that dies (a signal, the out-of-memory killer), or a pool that finishes nothing for ``stall``
seconds (its workers are then killed), breaks the whole pool: every task that was started and had not
finished is then run again alone, in a pool of its own, and the one that kills its worker again fails
alone, with a message saying so; the tasks that had not started go on in a fresh pool.

Kept apart from :mod:`handoutkit.runner` so that a build that starts no worker does not import
:mod:`multiprocessing` and :mod:`concurrent.futures`.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.queues
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from handoutkit.errors import Problem
from handoutkit.jobs import Task, TaskResult, WorkspaceSpec, init_worker, run_in_worker
from handoutkit.model import Origin

__all__ = ["WorkerPool"]

Done = Callable[[int, TaskResult], None]

_STARTED: multiprocessing.queues.SimpleQueue[int] | None = None


def _init(started: multiprocessing.queues.SimpleQueue[int], spec: WorkspaceSpec) -> None:
    global _STARTED
    _STARTED = started
    init_worker(spec)


def _run(index: int, task: Task) -> TaskResult:
    if _STARTED is not None:
        _STARTED.put(index)
    return run_in_worker(task)


def _crashed(task: Task) -> TaskResult:
    name, lang, fmt = task.label
    message = (
        f"the worker process building {name} ({lang}, {fmt}) died twice (killed by a signal, or out of memory); "
        "the other jobs were built"
    )
    return TaskResult("failed", "worker process died", (Problem("worker", Origin(name, 0), message),))


def _stalled(task: Task, seconds: float) -> TaskResult:
    name, lang, fmt = task.label
    message = (
        f"building {name} ({lang}, {fmt}) finished nothing in {seconds:.0f} s, twice (its worker was stopped); "
        "the other jobs were built"
    )
    return TaskResult("failed", "worker process hung", (Problem("worker", Origin(name, 0), message),))


class WorkerPool:
    """Up to ``workers`` worker processes, each set up from ``spec``, started when first needed."""

    def __init__(self, workers: int, spec: WorkspaceSpec, stall: float) -> None:
        self.workers = workers
        self.spec = spec
        self.stall = stall
        if "forkserver" in multiprocessing.get_all_start_methods():
            forkserver = multiprocessing.get_context("forkserver")
            # Nothing is preloaded: on Python 3.11 the server imports its preload with its own sys.path,
            # not the parent's (forkserver.main ignores its sys_path), so a preloaded handoutkit could be
            # another copy (the installed one, or the one in the current folder) than the parent runs.
            # Each worker imports after multiprocessing has given it the parent's sys.path.
            forkserver.set_forkserver_preload([])
            self._context: multiprocessing.context.BaseContext = forkserver
        else:
            self._context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = None
        self._started: multiprocessing.queues.SimpleQueue[int] | None = None

    def close(self) -> None:
        """Stop the worker processes (the pool can still be used: they are started again)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        self._started = self._context.SimpleQueue()
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=self._context, initializer=_init, initargs=(self._started, self.spec)
        )

    def _drain_started(self) -> set[int]:
        found: set[int] = set()
        queue = self._started
        while queue is not None and not queue.empty():
            found.add(queue.get())
        return found

    def run(self, tasks: Sequence[Task], pending: list[int], done: Done) -> list[int]:
        """Run ``pending`` (indexes of ``tasks``, in that order) in the shared pool; returns what is left to
        run after the pool broke ([] if it did not)."""
        if self._pool is None:
            self._pool = self._new_pool(self.workers)
        futures: dict[Future[TaskResult], int] = {self._pool.submit(_run, i, tasks[i]): i for i in pending}
        finished: set[int] = set()
        started: set[int] = set()
        broken = False
        waiting = set(futures)
        while waiting:
            ready, waiting = wait(waiting, timeout=self.stall, return_when=FIRST_COMPLETED)
            started |= self._drain_started()  # read as it comes: the pipe never fills up
            if not ready:  # nothing finished for self.stall seconds: the workers are taken for hung
                _kill_workers(self._pool)
                broken = True
                break
            for future in ready:
                index = futures[future]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as error:  # a result that could not be sent back, for instance
                    origin = Origin(tasks[index].label[0], 0)
                    problem = Problem("internal", origin, f"{type(error).__name__}: {error}")
                    result = TaskResult("failed", "internal error", (problem,))
                finished.add(index)
                done(index, result)
        if not broken:
            return []
        started |= self._drain_started()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
        lost = [i for i in pending if i not in finished]
        suspects = [i for i in lost if i in started]
        if not suspects:  # no task started: the workers themselves cannot start
            for index in lost:
                done(index, _crashed(tasks[index]))
            return []
        for index in suspects:
            done(index, self._alone(tasks, index))
        return [i for i in lost if i not in suspects]

    def _alone(self, tasks: Sequence[Task], index: int) -> TaskResult:
        """Run one task in a pool of its own; a second death (or hang) of its worker fails it."""
        pool = self._new_pool(1)
        try:
            return pool.submit(_run, index, tasks[index]).result(timeout=self.stall)
        except BrokenProcessPool:
            return _crashed(tasks[index])
        except TimeoutError:
            _kill_workers(pool)
            return _stalled(tasks[index], self.stall)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _kill_workers(pool: ProcessPoolExecutor | None) -> None:
    """Stop a pool's worker processes at once (the pool is then broken, and shut down by its caller)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
    for process in list(processes.values()):
        process.join(timeout=10)
