-- pgbench script for build/bench/run.sh: the move transaction the host runs for
-- POST /api/v1/miniatures/types/{id}/move (IN_BOX -> BUILDING, qty 1), without HTTP or the ORM,
-- on scratch copies of the module's tables in schema "bench". Its tps is the ceiling for moves.
-- :types is passed with -D types=N; bench.type_ids maps 1..N to the type ids.
\set n random(1, :types)
BEGIN;
-- Every change of a type bumps its version (its ETag), type row first, as the host's move statement does.
UPDATE bench.miniature_types SET version = version + 1
  WHERE id = (SELECT id FROM bench.type_ids WHERE n = :n);
UPDATE bench.stage_counts SET count = count - 1
  WHERE type_id = (SELECT id FROM bench.type_ids WHERE n = :n) AND stage = 0 AND count >= 1;
UPDATE bench.stage_counts SET count = count + 1
  WHERE type_id = (SELECT id FROM bench.type_ids WHERE n = :n) AND stage = 1;
INSERT INTO bench.history_entries (type_id, from_stage, to_stage, qty, created_at)
  SELECT id, 0, 1, 1, now() FROM bench.type_ids WHERE n = :n;
-- The move's MiniaturesMoved event into the module's outbox, a payload of the same size as the host's.
INSERT INTO bench.outbox_messages (id, type, payload, occurred_at, trace_parent, attempts, next_attempt_at)
  SELECT gen_random_uuid(), 'Tracker.Modules.Miniatures.Contracts.MiniaturesMoved',
         json_build_object('typeId', id, 'fromStage', 'IN_BOX', 'toStage', 'BUILDING', 'quantity', 1,
                           'movedBy', id, 'id', gen_random_uuid(), 'occurredAt', now())::text,
         now(), NULL, 0, now()
  FROM bench.type_ids WHERE n = :n;
COMMIT;
