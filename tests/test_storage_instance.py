"""One app per data folder (P4): the second copy is told so; a killed first leaves no lock."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gensec_quiz.storage.instance import InstanceLock

HOLD = """
import sys
from pathlib import Path
from gensec_quiz.storage.instance import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
print("held" if lock.acquire() else "refused", flush=True)
sys.stdin.readline()
"""


def _start_holder(folder: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    return holder


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")
def test_a_second_copy_is_refused_and_a_killed_first_leaves_no_stale_lock(
        tmp_path: Path) -> None:
    holder = _start_holder(tmp_path)
    second = InstanceLock(tmp_path)
    assert second.acquire() is False
    assert f"process {holder.pid}" in second.message()
    assert "already open" in second.message()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert holder.stdout is not None
    holder.stdout.close()
    assert holder.stdin is not None
    holder.stdin.close()
    assert second.acquire() is True
    second.release()


def test_release_lets_the_next_copy_in(tmp_path: Path) -> None:
    with InstanceLock(tmp_path) as first:
        assert first.acquire() and first.held
        assert first.acquire()  # acquiring again is harmless
        assert InstanceLock(tmp_path).acquire() is False
    assert not first.held
    again = InstanceLock(tmp_path)
    assert again.acquire()
    again.release()


def test_a_refused_copy_in_the_same_folder_cannot_unlock_the_holder(tmp_path: Path) -> None:
    holder = InstanceLock(tmp_path)
    assert holder.acquire()
    refused = InstanceLock(tmp_path)
    assert not refused.acquire()
    refused.release()  # it holds nothing, so this does nothing
    assert InstanceLock(tmp_path).acquire() is False
    holder.release()
