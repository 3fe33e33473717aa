-- Schema 4 as released (running totals, no per-day totals yet), with a little data: Anna's
-- first session on 4 March 2024 (UTC, finished), José's and Anna's second on 5 March (unfinished).
PRAGMA user_version = 4;
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
INSERT INTO "answer_facts" VALUES(1,'stalin-1922','start',1,1.0);
INSERT INTO "answer_facts" VALUES(1,'khrushchev-1953','start',1,1.0);
INSERT INTO "answer_facts" VALUES(2,'khrushchev-1953','start',1,0.5);
INSERT INTO "answer_facts" VALUES(3,'stalin-1922','start',2,0.0);
INSERT INTO "answer_facts" VALUES(4,'brezhnev-1964','end',1,0.25);
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
INSERT INTO "answers" VALUES(1,1,'q1','date','[["stalin-1922","start"],["khrushchev-1953","start"]]','{"type":"date","value":"1953"}',1.0,0.0,'2024-03-04 23:50:00.000000');
INSERT INTO "answers" VALUES(2,1,'q2','date','[["khrushchev-1953","start"]]','{"type":"date","value":"1953"}',0.5,0.0,'2024-03-04 23:50:00.000000');
INSERT INTO "answers" VALUES(3,2,'q1','date','[["stalin-1922","start"]]','{"type":"date","value":"1953"}',0.0,0.0,'2024-03-05 00:10:00.000000');
INSERT INTO "answers" VALUES(4,3,'q9','date','[["brezhnev-1964","end"]]','{"type":"date","value":"1953"}',0.25,0.0,'2024-03-05 00:10:00.000000');
CREATE TABLE fact_totals (
	learner_id INTEGER NOT NULL, 
	question_set_id VARCHAR(200) NOT NULL, 
	record VARCHAR(200) NOT NULL, 
	field VARCHAR(100) NOT NULL, 
	attempts INTEGER NOT NULL, 
	score_sum FLOAT NOT NULL, 
	PRIMARY KEY (learner_id, question_set_id, record, field), 
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE
);
INSERT INTO "fact_totals" VALUES(1,'gensec','stalin-1922','start',1,1.0);
INSERT INTO "fact_totals" VALUES(1,'gensec','khrushchev-1953','start',2,1.5);
INSERT INTO "fact_totals" VALUES(2,'gensec','stalin-1922','start',1,0.0);
INSERT INTO "fact_totals" VALUES(1,'other','brezhnev-1964','end',1,0.25);
CREATE TABLE learner_activity (
	learner_id INTEGER NOT NULL, 
	quarter DATETIME NOT NULL, 
	first_at DATETIME NOT NULL, 
	PRIMARY KEY (learner_id, quarter), 
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE
);
INSERT INTO "learner_activity" VALUES(1,'2024-03-04 23:45:00.000000','2024-03-04 23:50:00.000000');
INSERT INTO "learner_activity" VALUES(2,'2024-03-05 00:00:00.000000','2024-03-05 00:10:00.000000');
INSERT INTO "learner_activity" VALUES(1,'2024-03-05 00:00:00.000000','2024-03-05 00:10:00.000000');
CREATE TABLE learners (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	name_key VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "learners" VALUES(1,'Анна Ахматова','анна ахматова','2024-03-04 23:50:00.000000');
INSERT INTO "learners" VALUES(2,'José','josé','2024-03-04 23:50:00.000000');
CREATE TABLE question_totals (
	question_set_id VARCHAR(200) NOT NULL, 
	question_id VARCHAR(200) NOT NULL, 
	question_type VARCHAR(40) NOT NULL, 
	attempts INTEGER NOT NULL, 
	right_answers INTEGER NOT NULL, 
	score_sum FLOAT NOT NULL, 
	PRIMARY KEY (question_set_id, question_id, question_type)
);
INSERT INTO "question_totals" VALUES('gensec','q1','date',2,1,1.0);
INSERT INTO "question_totals" VALUES('gensec','q2','date',1,0,0.5);
INSERT INTO "question_totals" VALUES('other','q9','date',1,0,0.25);
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
INSERT INTO "quiz_sessions" VALUES(1,1,'gensec','General Secretaries','practice',3,2,'2024-03-04 23:50:00.000000','2024-03-04 23:50:00.000000',0.5);
INSERT INTO "quiz_sessions" VALUES(2,2,'gensec','General Secretaries','practice',2,1,'2024-03-05 00:10:00.000000',NULL,NULL);
INSERT INTO "quiz_sessions" VALUES(3,1,'other','Other','practice',2,1,'2024-03-05 00:10:00.000000',NULL,NULL);
CREATE TABLE review_backlog (
	learner_id INTEGER NOT NULL, 
	PRIMARY KEY (learner_id), 
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE
);
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
INSERT INTO "review_cards" VALUES(1,'stalin-1922','start','2024-03-06 23:50:00.000000',2.3065,2.11810397045901588342e+00,'review',NULL,'2024-03-04 23:50:00.000000',1,0);
INSERT INTO "review_cards" VALUES(1,'khrushchev-1953','start','2024-03-06 23:50:00.000000',2.3065,4.75285848853255732393e+00,'review',NULL,'2024-03-04 23:50:00.000000',2,0);
INSERT INTO "review_cards" VALUES(2,'stalin-1922','start','2024-03-06 00:10:00.000000',0.212,6.4133,'review',NULL,'2024-03-05 00:10:00.000000',1,0);
INSERT INTO "review_cards" VALUES(1,'brezhnev-1964','end','2024-03-06 00:10:00.000000',0.212,6.4133,'review',NULL,'2024-03-05 00:10:00.000000',1,0);
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
INSERT INTO "review_log" VALUES(1,'stalin-1922','start',1,'good','2024-03-04 23:50:00.000000','2024-03-06 23:50:00.000000',2.3065,2.11810397045901588342e+00);
INSERT INTO "review_log" VALUES(1,'khrushchev-1953','start',1,'good','2024-03-04 23:50:00.000000','2024-03-06 23:50:00.000000',2.3065,2.11810397045901588342e+00);
INSERT INTO "review_log" VALUES(2,'khrushchev-1953','start',1,'hard','2024-03-04 23:50:00.000000','2024-03-06 23:50:00.000000',2.3065,4.75285848853255732393e+00);
INSERT INTO "review_log" VALUES(3,'stalin-1922','start',2,'again','2024-03-05 00:10:00.000000','2024-03-06 00:10:00.000000',0.212,6.4133);
INSERT INTO "review_log" VALUES(4,'brezhnev-1964','end',1,'again','2024-03-05 00:10:00.000000','2024-03-06 00:10:00.000000',0.212,6.4133);
CREATE TABLE session_settings (
	session_id INTEGER NOT NULL, 
	time_limit_seconds INTEGER, 
	all_or_nothing BOOLEAN NOT NULL, 
	PRIMARY KEY (session_id), 
	FOREIGN KEY(session_id) REFERENCES quiz_sessions (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ux_learners_name_key ON learners (name_key);
CREATE INDEX ix_sessions_learner_started ON quiz_sessions (learner_id, started_at, finished_at, score);
CREATE INDEX ix_sessions_started ON quiz_sessions (started_at);
CREATE INDEX ix_sessions_set ON quiz_sessions (question_set_id, started_at);
CREATE INDEX ix_review_cards_due ON review_cards (learner_id, due);
CREATE INDEX ix_answers_session ON answers (session_id, question_id, question_type, score);
CREATE INDEX ix_facts_learner ON answer_facts (learner_id, record, field, score);
CREATE INDEX ix_review_log_learner ON review_log (learner_id, reviewed_at);
COMMIT;
