-- pgbench: the newest 50 messages of a random room, as msgsvc's GET /rooms/{room}/messages?limit=50 reads them.
\set r random(1, :rooms)
SELECT id, room_id, ts, sender, content, client_id
  FROM messages
 WHERE room_id = 'room-' || :r
 ORDER BY ts DESC, id DESC
 LIMIT 50;
