-- Built after COPY; the same two indexes msgsvc has.
CREATE INDEX messages_room_ts_id ON messages (room_id, ts, id);
CREATE UNIQUE INDEX messages_room_client_id ON messages (room_id, client_id) WHERE client_id IS NOT NULL;
VACUUM (ANALYZE) messages;
CHECKPOINT;
