-- PostgreSQL's version of msgsvc's `messages` collection (see Sources/MessageService/Store/MessageDocument.swift):
-- ts is the same millisecond timestamp; id is the tie-breaker in the (ts, id) order, like msgsvc's _id.
CREATE TABLE messages (
    id        bigserial PRIMARY KEY,
    room_id   text   NOT NULL,
    ts        bigint NOT NULL,
    sender    text   NOT NULL,
    content   text   NOT NULL,
    client_id text
);
