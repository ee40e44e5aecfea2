-- pgbench: one durable single-row INSERT per transaction (autocommit), the shape of a msgsvc POST:
-- a random room, a sender from a small set, 60-120 characters of content, a client_id unique to this run
-- (PREFIX from -D, the pgbench client number, and that client's own counter n, started by -D n=0).
\set r random(1, :rooms)
\set s random(1, 20)
\set off random(1, 150)
\set len random(60, 120)
\set n :n + 1
INSERT INTO messages (room_id, ts, sender, content, client_id)
VALUES ('room-' || :r, (extract(epoch FROM clock_timestamp()) * 1000)::bigint, 'user-' || :s,
        substr('hello there anyone around for the standup today I pushed the fix to review can someone take a look lunch at noon sounds good the build is green again thanks for the quick turnaround on that ticket we should move the meeting to thursday because half the team is out tomorrow let me know', :off, :len),
        :prefix || '-' || :client_id || '-' || :n);
