-- The indexes msgsvc's messages collection has beyond the two of pg_indexes.sql, so that a second POST
-- reference does the same indexing work per insert as msgsvc: history by sender, and full-text search
-- (English stemming and stop words, like msgsvc's text index; GIN with its default fastupdate pending list).
-- msgsvc also keeps (room_id, seq) and (room_id, change) unique, which have no counterpart here.
CREATE INDEX messages_room_sender_ts_id ON messages (room_id, sender, ts, id);
CREATE INDEX messages_content_fts ON messages USING gin (to_tsvector('english', content));
VACUUM (ANALYZE) messages;
CHECKPOINT;
