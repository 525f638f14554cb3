-- An idempotency key remembers when it was used (rows older than the documented
-- time are pruned) and the SHA-256 of the write it answered (the same key with
-- another body is refused, not answered with the first result).
ALTER TABLE idempotency ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency ADD COLUMN body_sha256 TEXT NOT NULL DEFAULT '';
CREATE INDEX idempotency_by_age ON idempotency (created_at);
