-- GenSec Quiz learner database, schema version 1 (the first release), as SQL text.
-- Built by the tests into a real file (never commit binary databases). Do not edit: a file in
-- the field looks exactly like this, and every later schema must open it and keep its data.
BEGIN TRANSACTION;
CREATE TABLE answer_facts (
	answer_id INTEGER NOT NULL,
	record VARCHAR(200) NOT NULL,
	field VARCHAR(100) NOT NULL,
	learner_id INTEGER NOT NULL,
	score FLOAT NOT NULL,
	PRIMARY KEY (answer_id, record, field),
	FOREIGN KEY(answer_id) REFERENCES answers (id) ON DELETE CASCADE,
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE
);
INSERT INTO "answer_facts" VALUES(1,'stalin-1922','start',1,6.66666666666666629659e-01);
INSERT INTO "answer_facts" VALUES(1,'khrushchev-1953','start',1,6.66666666666666629659e-01);
INSERT INTO "answer_facts" VALUES(2,'brezhnev-1964','start',1,1.0);
INSERT INTO "answer_facts" VALUES(3,'andropov-1982','start',2,0.0);
CREATE TABLE answers (
	id INTEGER NOT NULL,
	session_id INTEGER NOT NULL,
	question_id VARCHAR(200) NOT NULL,
	question_type VARCHAR(40) NOT NULL,
	basis TEXT NOT NULL,
	response TEXT NOT NULL,
	score FLOAT NOT NULL,
	seconds FLOAT,
	answered_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(session_id) REFERENCES quiz_sessions (id) ON DELETE CASCADE
);
INSERT INTO "answers" VALUES(1,1,'q1','ordering','[["stalin-1922","start"],["khrushchev-1953","start"]]','{"order":[2,0,1]}',6.66666666666666629659e-01,14.2,'2024-01-15 10:03:00.000000');
INSERT INTO "answers" VALUES(2,1,'q2','date','[["brezhnev-1964","start"]]','{"date":"1964-10"}',1.0,6.0,'2024-01-15 10:03:30.000000');
INSERT INTO "answers" VALUES(3,2,'q3','matching','[["andropov-1982","start"]]','{"pairs":{"Andropov":"1982"}}',0.0,NULL,'2024-01-15 10:05:00.000000');
CREATE TABLE learners (
	id INTEGER NOT NULL,
	name VARCHAR(200) NOT NULL,
	name_key VARCHAR NOT NULL,
	created_at DATETIME NOT NULL,
	PRIMARY KEY (id)
);
INSERT INTO "learners" VALUES(1,'Анна Ахматова','анна ахматова','2024-01-15 10:01:30.000000');
INSERT INTO "learners" VALUES(2,'José','josé','2024-01-15 10:02:00.000000');
CREATE TABLE quiz_sessions (
	id INTEGER NOT NULL,
	learner_id INTEGER NOT NULL,
	question_set_id VARCHAR(200) NOT NULL,
	title VARCHAR(500) NOT NULL,
	mode VARCHAR(40) NOT NULL,
	question_count INTEGER NOT NULL,
	answered INTEGER NOT NULL,
	started_at DATETIME NOT NULL,
	finished_at DATETIME,
	score FLOAT,
	PRIMARY KEY (id),
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE
);
INSERT INTO "quiz_sessions" VALUES(1,1,'gensec-basics','General Secretaries','practice',3,2,'2024-01-15 10:02:30.000000','2024-01-15 10:04:00.000000',5.55555555555555469204e-01);
INSERT INTO "quiz_sessions" VALUES(2,2,'gensec-basics','General Secretaries','exam',2,1,'2024-01-15 10:04:30.000000',NULL,NULL);
CREATE UNIQUE INDEX ux_learners_name_key ON learners (name_key);
CREATE INDEX ix_sessions_learner_started ON quiz_sessions (learner_id, started_at, finished_at, score);
CREATE INDEX ix_sessions_set ON quiz_sessions (question_set_id, started_at);
CREATE INDEX ix_sessions_started ON quiz_sessions (started_at);
CREATE INDEX ix_answers_session ON answers (session_id, question_id, question_type, score);
CREATE INDEX ix_facts_learner ON answer_facts (learner_id, record, field, score);
PRAGMA user_version = 1;
COMMIT;
