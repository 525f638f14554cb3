-- The workshop schema: one dialect-neutral text that SQLite and PostgreSQL both read.
-- Ids are random text chosen by the server; event ids are a per-session counter
-- (session.event_seq) bumped in the same transaction as the change they record.
CREATE TABLE workspace (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE grid (
    id TEXT PRIMARY KEY,
    workspace TEXT NOT NULL REFERENCES workspace(id),
    grid_id TEXT NOT NULL,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE initiative (
    id TEXT PRIMARY KEY,
    workspace TEXT NOT NULL REFERENCES workspace(id),
    name TEXT NOT NULL,
    profile TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE session (
    id TEXT PRIMARY KEY,
    workspace TEXT NOT NULL REFERENCES workspace(id),
    initiative TEXT NOT NULL REFERENCES initiative(id),
    grid_key TEXT NOT NULL,
    grid_id TEXT NOT NULL,
    grid_version TEXT NOT NULL,
    grid_sha256 TEXT NOT NULL,
    date TEXT NOT NULL,
    phase TEXT NOT NULL,
    previous TEXT,
    published BIGINT NOT NULL,
    event_seq BIGINT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX session_by_initiative ON session (initiative, created_at);
CREATE TABLE participant (
    id TEXT PRIMARY KEY,
    session TEXT NOT NULL REFERENCES session(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    joined_at TEXT NOT NULL
);
CREATE INDEX participant_by_session ON participant (session);
CREATE TABLE answer (
    session TEXT NOT NULL,
    participant TEXT NOT NULL,
    criterion TEXT NOT NULL,
    level TEXT NOT NULL,
    target TEXT,
    evidence TEXT,
    to_confirm BIGINT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session, participant, criterion)
);
CREATE TABLE consensus (
    session TEXT NOT NULL,
    criterion TEXT NOT NULL,
    level TEXT,
    note TEXT NOT NULL,
    to_confirm BIGINT NOT NULL,
    version BIGINT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (session, criterion)
);
CREATE TABLE link (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    workspace TEXT NOT NULL REFERENCES workspace(id),
    session TEXT,
    participant TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE event (
    session TEXT NOT NULL,
    seq BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (session, seq)
);
CREATE TABLE idempotency (
    actor TEXT NOT NULL,
    key TEXT NOT NULL,
    status BIGINT NOT NULL,
    response TEXT NOT NULL,
    PRIMARY KEY (actor, key)
);
