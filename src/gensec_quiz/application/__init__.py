"""The application layer: what a learner or teacher does, without a window (docs/architecture.md).

Below `ui/`, above `storage/`, `bank/`, `generation/`, `review/` and `domain/`; it imports no Qt,
and no module here imports the ORM at import time (the window paints before `sqlmodel` loads).

- `plans`: a quiz to start or resume (`QuizPlan`), and a finished one (`QuizOutcome`).
- `quiz_run`: `QuizRun`, one quiz played and saved through the store.
- `question_sets`: the library of question-set files, and the teacher's classroom locks.
- `record_sets`: the record sets a teacher imported, and checking a set against its records.
- `review`: what is due and the review quiz on it.
- `learners`: adding, renaming, merging and deleting learners.
- `incidents`: unexpected errors, logged to the data folder and told in one sentence.
- `teacher_pin`: the teacher PIN (a salted scrypt hash, slower after wrong tries) and the
  teacher's visit (`TeacherAccess`: closed by Switch learner, idle minutes, or a restart).
- `classroom`: exam rules beside a lock (attempts, the file's fingerprint), Start resuming the
  open attempt (`exam_plan`).
- `privacy`: the data folder kept to its owner (0700 folders, 0600 files).
"""
