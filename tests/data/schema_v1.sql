-- cmo schema version 1, as SQLite created it: the version-2 tables (change, cmoc,
-- cmoc_evidence, suggestion_feedback, artifact) and the columns participant.pseudonym
-- and coding.status are absent. Generated from cmo.store.tables (SQLModel metadata)
-- minus what migration 2 adds; used by tests/reliability/test_durability.py.

CREATE TABLE casus (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	attributes JSON NOT NULL, 
	guid VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE TABLE cluster (
	id VARCHAR NOT NULL, 
	family VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	sort_order INTEGER NOT NULL, 
	guid VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE code (
	id VARCHAR NOT NULL, 
	family VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	cluster VARCHAR NOT NULL, 
	definition TEXT NOT NULL, 
	keywords JSON NOT NULL, 
	parent VARCHAR, 
	colour VARCHAR NOT NULL, 
	emergent BOOLEAN NOT NULL, 
	sort_order INTEGER NOT NULL, 
	guid VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(parent) REFERENCES code (id)
);

CREATE TABLE memo (
	id INTEGER NOT NULL, 
	target_kind VARCHAR NOT NULL, 
	target_id VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	author VARCHAR NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	guid VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_memo_target ON memo (target_kind, target_id);

CREATE TABLE meta (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE participant (
	id INTEGER NOT NULL, 
	casus_id INTEGER NOT NULL, 
	label VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	attributes JSON NOT NULL, 
	guid VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (casus_id, label), 
	FOREIGN KEY(casus_id) REFERENCES casus (id)
);
CREATE INDEX ix_participant_casus_id ON participant (casus_id);

CREATE TABLE transcript (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	casus_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	source_name VARCHAR NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	imported_at VARCHAR NOT NULL, 
	text TEXT NOT NULL, 
	word_count INTEGER NOT NULL, 
	guid VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name), 
	FOREIGN KEY(casus_id) REFERENCES casus (id)
);
CREATE INDEX ix_transcript_casus_id ON transcript (casus_id);

CREATE TABLE coding (
	id INTEGER NOT NULL, 
	transcript_id INTEGER NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	code_id VARCHAR NOT NULL, 
	coder VARCHAR NOT NULL, 
	memo TEXT NOT NULL, 
	created_at VARCHAR NOT NULL, 
	updated_at VARCHAR NOT NULL, 
	guid VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(code_id) REFERENCES code (id), 
	FOREIGN KEY(transcript_id) REFERENCES transcript (id) ON DELETE CASCADE
);
CREATE INDEX ix_coding_code_id ON coding (code_id);
CREATE INDEX ix_coding_transcript_start ON coding (transcript_id, start);

CREATE TABLE turn (
	id INTEGER NOT NULL, 
	transcript_id INTEGER NOT NULL, 
	idx INTEGER NOT NULL, 
	speaker VARCHAR, 
	participant_id INTEGER, 
	timestamp VARCHAR, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(participant_id) REFERENCES participant (id), 
	FOREIGN KEY(transcript_id) REFERENCES transcript (id) ON DELETE CASCADE, 
	UNIQUE (transcript_id, idx)
);
CREATE INDEX ix_turn_participant_id ON turn (participant_id);

INSERT INTO meta (key, value) VALUES ('schema_version', '1');
