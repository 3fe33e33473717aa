"""Kill the writer and look (RELIABILITY.md P1), and two writers at once (P3).

Crash test: a child process records answers, one transaction each, and prints each answer's id
once `record_answer` has returned; the parent kills it with SIGKILL at a random moment, then
opens the file, runs `PRAGMA integrity_check`, checks that every printed id is there and that
every session's progress counter equals its number of answers. Children are forked from a parent
that has already imported the store, so each starts in about a millisecond.

    python benchmarks/crash_test.py --kills 1000 --json
    python benchmarks/crash_test.py --writers 3000 --json   # two processes x 3,000 answers
    python benchmarks/crash_test.py --migration-kills 50    # kill schema upgrades
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from gensec_quiz.domain.session import Mode

HERE = Path(__file__).resolve()
ANSWERS_PER_SESSION = 25


def typed_answer(question_id: str, kind: Any, score: float, seconds: float = 1.5) -> Any:
    """A graded answer as the store takes it (the domain's `Answer`), with this score."""
    from datetime import UTC, datetime

    from gensec_quiz.domain.dates import PartialDate
    from gensec_quiz.domain.grading import Grade
    from gensec_quiz.domain.questions import DateResponse, MatchingResponse, OrderingResponse
    from gensec_quiz.domain.session import Answer

    response: Any = {"ordering": OrderingResponse((2, 0, 1)),
                     "matching": MatchingResponse(("1953", None)),
                     "date": DateResponse(PartialDate(1953))}[kind]
    grade = Grade(score=score, points=score, out_of=1.0, marks=(), summary="")
    return Answer(question_id, kind, response, grade, seconds, datetime.now(UTC))


def facts(*keys: str) -> Any:
    from gensec_quiz.domain.questions import BasisRef

    return tuple(BasisRef(*key.rsplit(".", 1)) for key in keys)


# -- the child: record answers until killed ----------------------------------------------------

def record_forever(database: Path, out_fd: int) -> None:
    """Record answers one transaction each; write `A <session> <answer>` after each commit."""
    from gensec_quiz.storage import open_store

    store = open_store(database)
    learner = store.learner_by_name("crash test")
    learner_id = learner.id if learner is not None else store.add_learner("crash test")
    number = 0
    while True:
        session_id = store.start_session(learner_id=learner_id, question_set_id="crash",
                                         title="Crash test", mode=Mode.PRACTICE,
                                         question_count=ANSWERS_PER_SESSION)
        if number == 0:
            os.write(out_fd, b"R\n")  # opened, learner and first session ready
        for _ in range(ANSWERS_PER_SESSION):
            number += 1
            answer_id = store.record_answer(
                session_id, typed_answer(f"q{number}", "ordering", (number % 5) / 4),
                facts(f"tenure-{number % 7}.start", f"tenure-{number % 3}.end"))
            os.write(out_fd, f"A {session_id} {answer_id}\n".encode())
        store.finish_session(session_id)


# -- the parent: kill, reopen, check -----------------------------------------------------------

def _acknowledged(data: bytes) -> list[tuple[int, int]]:
    """(session id, answer id) for every complete line the child wrote before it died."""
    found = []
    for line in data.decode("ascii", "replace").split("\n")[:-1]:
        parts = line.split()
        if len(parts) == 3 and parts[0] == "A":
            found.append((int(parts[1]), int(parts[2])))
    return found


def _check(database: Path, answer_ids: list[int]) -> tuple[bool, int, int]:
    """(integrity ok, acknowledged answers missing, sessions whose progress is wrong)."""
    if not database.exists():
        return True, len(answer_ids), 0
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        ok = [row[0] for row in connection.execute("PRAGMA integrity_check")] == ["ok"]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "answers" not in tables:  # killed before the schema was committed: nothing to find
            return ok, len(answer_ids), 0
        present = {row[0] for row in connection.execute(
            "SELECT id FROM answers WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(answer_ids),))} if answer_ids else set()
        mismatched = connection.execute(
            "SELECT count(*) FROM quiz_sessions s WHERE s.answered != "
            "(SELECT count(*) FROM answers a WHERE a.session_id = s.id)").fetchone()[0]
    except sqlite3.DatabaseError:
        return False, len(answer_ids), 0
    finally:
        connection.close()
    return ok, len(set(answer_ids) - present), int(mismatched)


def _fork_and_kill(database: Path, rng: random.Random, opening: float,
                   max_delay: float) -> tuple[bytes, float, bool]:
    """Fork a recording child and SIGKILL it.

    One time in five the kill lands while the child opens the database and starts its first
    session, otherwise up to `max_delay` seconds after its first acknowledged answer. Returns
    the child's output, how long it took to open (or `opening` when it was killed before), and
    whether it had died by itself (an error) rather than by the kill.
    """
    read_fd, write_fd = os.pipe()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        try:
            record_forever(database, write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    took = opening
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, opening))
        data = b""
    else:
        data = os.read(read_fd, 2)  # "R\n": the child has opened the store
        took = time.perf_counter() - started
        data += _first_answer(read_fd)  # on a busy machine the delay alone may miss every commit
        time.sleep(rng.uniform(0.0, max_delay))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    died_alone = not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL)
    chunks = [data]
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    return b"".join(chunks), took, died_alone


def _first_answer(read_fd: int) -> bytes:
    """Read the child's output up to its first acknowledged answer (or its death)."""
    data = b""
    while b"A " not in data or not data.endswith(b"\n"):
        chunk = os.read(read_fd, 4096)
        if not chunk:
            break
        data += chunk
    return data


def _warm_up(scratch: Path) -> None:
    """Import and exercise the store once before forking, so that children start at once."""
    from gensec_quiz.storage import open_store

    with open_store(scratch) as store:
        learner = store.add_learner("warm-up")
        session = store.start_session(learner_id=learner, question_set_id="w", title="w",
                                      mode=Mode.PRACTICE, question_count=1)
        store.record_answer(session, typed_answer("q", "date", 1.0), facts("t.start"))
        store.finish_session(session)


def run_crash_test(kills: int, *, seed: int = 0, folder: Path | None = None,
                   max_delay: float = 0.05) -> dict[str, Any]:
    """Kill a recording child `kills` times; return what survived."""
    if not hasattr(os, "fork"):
        raise SystemExit("the crash test needs os.fork (Linux or macOS)")
    rng = random.Random(seed)
    started = time.perf_counter()
    opening = 0.05
    with tempfile.TemporaryDirectory(dir=folder) as temp:
        _warm_up(Path(temp) / "warm-up.sqlite3")
        database = Path(temp) / "crash.sqlite3"
        result = {"kills": 0, "acknowledged": 0, "lost": 0, "integrity_failures": 0,
                  "progress_mismatches": 0, "child_errors": 0}
        every_id: list[int] = []
        for _ in range(kills):
            data, opening, died_alone = _fork_and_kill(database, rng, opening, max_delay)
            result["child_errors"] += died_alone
            ids = [answer for _, answer in _acknowledged(data)]
            every_id += ids
            ok, lost, mismatched = _check(database, ids)
            result["kills"] += 1
            result["acknowledged"] += len(ids)
            result["lost"] += lost
            result["integrity_failures"] += 0 if ok else 1
            result["progress_mismatches"] += mismatched
        final_ok, final_lost, _ = _check(database, every_id)
        result["lost"] = max(result["lost"], final_lost)
        result["integrity_failures"] += 0 if final_ok else 1
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


# -- kills during a schema upgrade (P6) --------------------------------------------------------

FIXTURE = HERE.parent.parent / "tests" / "data" / "storage" / "schema_v1.sql"


def _tables_and_version(database: Path) -> tuple[bool, int, frozenset[str], int]:
    """(integrity ok, schema version, table names, answers) of a file."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        ok = [row[0] for row in connection.execute("PRAGMA integrity_check")] == ["ok"]
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = frozenset(row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))
        answers = int(connection.execute("SELECT count(*) FROM answers").fetchone()[0])
    finally:
        connection.close()
    return ok, version, tables, answers


def _upgrade_in_child(database: Path, *, kill_after: float | None) -> float:
    """Open (and so upgrade) `database` in a forked child, killed after `kill_after` seconds
    if given; return how long the child ran."""
    from gensec_quiz.storage import open_store

    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            open_store(database).close()
        finally:
            os._exit(0)
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return time.perf_counter() - started


def run_migration_kills(kills: int, *, seed: int = 0, folder: Path | None = None,
                        fixture: Path = FIXTURE) -> dict[str, Any]:
    """Kill `open_store` while it upgrades a schema-1 file; each time, the file must hold the
    old schema or the new one, whole, with every answer."""
    from gensec_quiz.storage import open_store

    rng = random.Random(seed)
    result = {"kills": 0, "old_schema": 0, "new_schema": 0, "mixed": 0, "lost_answers": 0,
              "integrity_failures": 0}
    with tempfile.TemporaryDirectory(dir=folder) as temp:
        def fresh(name: str) -> Path:
            path = Path(temp) / name
            connection = sqlite3.connect(path)
            connection.executescript(fixture.read_text(encoding="utf-8"))
            connection.close()
            return path

        open_store(fresh("warm-up.sqlite3")).close()  # imports and first-use costs, once
        reference = fresh("reference.sqlite3")
        before = _tables_and_version(reference)
        took = _upgrade_in_child(reference, kill_after=None)  # kills land within this time
        after = _tables_and_version(reference)
        for number in range(kills):
            database = fresh(f"kill-{number}.sqlite3")
            _upgrade_in_child(database, kill_after=rng.uniform(0.0, took * 2))
            ok, version, tables, answers = _tables_and_version(database)
            result["kills"] += 1
            result["integrity_failures"] += not ok
            result["lost_answers"] += before[3] - answers
            if (version, tables) == before[1:3]:
                result["old_schema"] += 1
            elif (version, tables) == after[1:3]:
                result["new_schema"] += 1
            else:
                result["mixed"] += 1
    return result


# -- two writers at once (P3) ------------------------------------------------------------------

def write_many(database: Path, count: int, name: str) -> None:
    """One writer: wait for "go" on stdin, then `count` read-then-write transactions."""
    from gensec_quiz.storage import StoreError, open_store

    store = open_store(database)
    learner_id = store.add_learner(name)
    session_id = store.start_session(learner_id=learner_id, question_set_id="two-writers",
                                     title="Two writers", mode=Mode.PRACTICE, question_count=count)
    print("ready", flush=True)
    sys.stdin.readline()
    locked = failed = 0
    ids: list[int] = []
    started = time.perf_counter()
    for number in range(count):
        try:
            store.session(session_id)  # read ...
            ids.append(store.record_answer(  # ... then write (itself read-then-write)
                session_id, typed_answer(f"q{number}", "date", 1.0), facts("t.start")))
        except StoreError as error:  # the store says it in a sentence; the cause is SQLite's
            cause = str(error.__cause__)
            locked += "locked" in cause or "busy" in cause
            failed += 1
    seconds = time.perf_counter() - started
    store.close()
    print(json.dumps({"session": session_id, "ids": ids, "locked": locked, "failed": failed,
                      "seconds": seconds}), flush=True)


def run_two_writers(count: int, *, folder: Path | None = None) -> dict[str, Any]:
    """Two processes x `count` answers on one file; count failures and lost answers."""
    from gensec_quiz.storage import open_store

    with tempfile.TemporaryDirectory(dir=folder) as temp:
        database = Path(temp) / "writers.sqlite3"
        open_store(database).close()
        command = [sys.executable, str(HERE), "--writer", str(database), "--count", str(count)]
        writers = [subprocess.Popen([*command, "--name", f"writer {n}"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True) for n in (1, 2)]
        for writer in writers:
            assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        reports = [json.loads(writer.communicate()[0].strip().splitlines()[-1])
                   for writer in writers]
        every_id = [answer for report in reports for answer in report["ids"]]
        ok, lost, mismatched = _check(database, every_id)
    return {
        "writers": 2, "per_writer": count, "acknowledged": len(every_id), "lost": lost,
        "locked_errors": sum(r["locked"] for r in reports),
        "failures": sum(r["failed"] for r in reports),
        "integrity_failures": 0 if ok else 1, "progress_mismatches": mismatched,
        "seconds": round(max(r["seconds"] for r in reports), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=20, help="how many times to kill the writer")
    parser.add_argument("--seed", type=int, default=0, help="seed for the kill moments")
    parser.add_argument("--writers", type=int, metavar="N",
                        help="instead: two writer processes with N answers each")
    parser.add_argument("--migration-kills", type=int, metavar="N",
                        help="instead: kill the upgrade of a schema-1 file N times")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--writer", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--name", default="writer", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer is not None:
        write_many(args.writer, args.count, args.name)
        return 0
    if args.migration_kills is not None:
        result = run_migration_kills(args.migration_kills, seed=args.seed)
        bad = result["mixed"] or result["lost_answers"] or result["integrity_failures"]
    elif args.writers is not None:
        result = run_two_writers(args.writers)
        bad = result["lost"] or result["failures"] or result["integrity_failures"]
    else:
        result = run_crash_test(args.kills, seed=args.seed)
        bad = (result["lost"] or result["integrity_failures"] or result["progress_mismatches"]
               or result["child_errors"])
    print(json.dumps(result) if args.json else
          "\n".join(f"{key}: {value}" for key, value in result.items()))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
