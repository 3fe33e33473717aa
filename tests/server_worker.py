"""A process of the computer room, for tests/test_server_store.py: opens the school's store on
the server and writes answers, printing each answer's id once `record_answer` has returned
(committed). Run as `python server_worker.py MODE URL [NAME COUNT] --at EPOCH`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gensec_quiz.domain.session import Mode
from gensec_quiz.storage import open_store
from store_support import facts, record


def main(argv: list[str]) -> int:
    mode, url, *rest = argv
    start_at = float(rest[rest.index("--at") + 1]) if "--at" in rest else 0.0
    time.sleep(max(0.0, start_at - time.time()))  # every process starts at the same moment
    store = open_store(url)
    try:
        if mode == "open":
            print("opened", flush=True)
            return 0
        name, count = rest[0], int(rest[1])
        found = store.learner_by_name(name)
        learner = found.id if found else store.add_learner(name)
        session = store.start_session(learner_id=learner, question_set_id="room-test",
                                      title="Room test", mode=Mode.PRACTICE,
                                      question_count=max(count, 1))
        index = 0
        while mode == "forever" or index < count:
            answer_id = record(store, session, f"q{index}", score=(index % 3) / 2,
                               basis=facts(f"fact-{index % 7}.start"))
            print(answer_id, flush=True)
            index += 1
        store.finish_session(session)
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
