-- GenSec Quiz learner database, schema version 2 (spaced review: review_cards, review_log),
-- as SQL text. Built by the tests into a real file (never commit binary databases). Do not
-- edit: a file in the field looks exactly like this, and every later schema must open it and
-- keep its data, its cards included.
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
INSERT INTO "answer_facts" VALUES(1,'brezhnev-1964','start',1,6.66666666666666629659e-01);
INSERT INTO "answer_facts" VALUES(2,'andropov-1982','start',1,0.0);
INSERT INTO "answer_facts" VALUES(3,'chernenko-1984','start',1,1.0);
INSERT INTO "answer_facts" VALUES(3,'gorbachev-1985','start',1,1.0);
INSERT INTO "answer_facts" VALUES(4,'andropov-1982','start',1,1.0);
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
INSERT INTO "answers" VALUES(1,1,'q1','ordering','[["stalin-1922","start"],["khrushchev-1953","start"],["brezhnev-1964","start"]]','{"order":[0,2,1]}',6.66666666666666629659e-01,12.5,'2025-02-10 17:01:30.000000');
INSERT INTO "answers" VALUES(2,1,'q2','date','[["andropov-1982","start"]]','{"date":"1983"}',0.0,12.5,'2025-02-10 17:02:00.000000');
INSERT INTO "answers" VALUES(3,1,'q3','matching','[["chernenko-1984","start"],["gorbachev-1985","start"]]','{"pairs":{"Chernenko":"1984","Gorbachev":"1985"}}',1.0,12.5,'2025-02-10 17:02:30.000000');
INSERT INTO "answers" VALUES(4,2,'r1','date','[["andropov-1982","start"]]','{"date":"1982-11"}',1.0,8.0,'2025-02-12 17:03:10.000000');
CREATE TABLE learners (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	name_key VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "learners" VALUES(1,'Анна Ахматова','анна ахматова','2025-02-10 17:00:00.000000');
INSERT INTO "learners" VALUES(2,'José','josé','2025-02-12 17:03:10.000000');
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
INSERT INTO "quiz_sessions" VALUES(1,1,'gensec-1a2b','General Secretaries','practice',3,3,'2025-02-10 17:01:00.000000','2025-02-10 17:02:30.000000',5.55555555555555469204e-01);
INSERT INTO "quiz_sessions" VALUES(2,1,'gensec-review','Review','review',2,1,'2025-02-12 17:02:30.000000',NULL,NULL);
CREATE TABLE review_cards (
	learner_id INTEGER NOT NULL, 
	record VARCHAR(200) NOT NULL, 
	field VARCHAR(100) NOT NULL, 
	due DATETIME NOT NULL, 
	stability FLOAT, 
	difficulty FLOAT, 
	state VARCHAR(20) NOT NULL, 
	step INTEGER, 
	last_review DATETIME, 
	reps INTEGER NOT NULL, 
	lapses INTEGER NOT NULL, 
	PRIMARY KEY (learner_id, record, field), 
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE
);
INSERT INTO "review_cards" VALUES(1,'brezhnev-1964','start','2025-02-11 17:01:30.000000',1.2931,5.11217070560105568688e+00,'review',NULL,'2025-02-10 17:01:30.000000',1,0);
INSERT INTO "review_cards" VALUES(1,'khrushchev-1953','start','2025-02-11 17:01:30.000000',1.2931,5.11217070560105568688e+00,'review',NULL,'2025-02-10 17:01:30.000000',1,0);
INSERT INTO "review_cards" VALUES(1,'stalin-1922','start','2025-02-11 17:01:30.000000',1.2931,5.11217070560105568688e+00,'review',NULL,'2025-02-10 17:01:30.000000',1,0);
INSERT INTO "review_cards" VALUES(1,'andropov-1982','start','2025-02-14 17:03:10.000000',2.43294847530706226379e+00,6.40211506929683782374e+00,'review',NULL,'2025-02-12 17:03:10.000000',2,0);
INSERT INTO "review_cards" VALUES(1,'chernenko-1984','start','2025-02-12 17:02:30.000000',2.3065,2.11810397045901588342e+00,'review',NULL,'2025-02-10 17:02:30.000000',1,0);
INSERT INTO "review_cards" VALUES(1,'gorbachev-1985','start','2025-02-12 17:02:30.000000',2.3065,2.11810397045901588342e+00,'review',NULL,'2025-02-10 17:02:30.000000',1,0);
CREATE TABLE review_log (
	answer_id INTEGER NOT NULL, 
	record VARCHAR(200) NOT NULL, 
	field VARCHAR(100) NOT NULL, 
	learner_id INTEGER NOT NULL, 
	rating VARCHAR(10) NOT NULL, 
	reviewed_at DATETIME NOT NULL, 
	due DATETIME NOT NULL, 
	stability FLOAT, 
	difficulty FLOAT, 
	PRIMARY KEY (answer_id, record, field), 
	FOREIGN KEY(answer_id) REFERENCES answers (id) ON DELETE CASCADE, 
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE
);
INSERT INTO "review_log" VALUES(1,'brezhnev-1964','start',1,'hard','2025-02-10 17:01:30.000000','2025-02-11 17:01:30.000000',1.2931,5.11217070560105568688e+00);
INSERT INTO "review_log" VALUES(1,'khrushchev-1953','start',1,'hard','2025-02-10 17:01:30.000000','2025-02-11 17:01:30.000000',1.2931,5.11217070560105568688e+00);
INSERT INTO "review_log" VALUES(1,'stalin-1922','start',1,'hard','2025-02-10 17:01:30.000000','2025-02-11 17:01:30.000000',1.2931,5.11217070560105568688e+00);
INSERT INTO "review_log" VALUES(2,'andropov-1982','start',1,'again','2025-02-10 17:02:00.000000','2025-02-11 17:02:00.000000',0.212,6.4133);
INSERT INTO "review_log" VALUES(3,'chernenko-1984','start',1,'good','2025-02-10 17:02:30.000000','2025-02-12 17:02:30.000000',2.3065,2.11810397045901588342e+00);
INSERT INTO "review_log" VALUES(3,'gorbachev-1985','start',1,'good','2025-02-10 17:02:30.000000','2025-02-12 17:02:30.000000',2.3065,2.11810397045901588342e+00);
INSERT INTO "review_log" VALUES(4,'andropov-1982','start',1,'good','2025-02-12 17:03:10.000000','2025-02-14 17:03:10.000000',2.43294847530706226379e+00,6.40211506929683782374e+00);
CREATE UNIQUE INDEX ux_learners_name_key ON learners (name_key);
CREATE INDEX ix_sessions_learner_started ON quiz_sessions (learner_id, started_at, finished_at, score);
CREATE INDEX ix_sessions_started ON quiz_sessions (started_at);
CREATE INDEX ix_sessions_set ON quiz_sessions (question_set_id, started_at);
CREATE INDEX ix_review_cards_due ON review_cards (learner_id, due);
CREATE INDEX ix_answers_session ON answers (session_id, question_id, question_type, score);
CREATE INDEX ix_facts_learner ON answer_facts (learner_id, record, field, score);
CREATE INDEX ix_review_log_learner ON review_log (learner_id, reviewed_at);
COMMIT;
PRAGMA user_version = 2;
