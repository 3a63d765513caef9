import { Prisma, type Db, type Tx } from "../db/client.ts";
import { parsePeerView } from "./agent/heartbeat.ts";
import { eventColumns } from "./event-english.ts";
import type { EventText } from "./event-text.ts";
import type { GroupSim, HaEventRecord, MoveUsers, NodeSim, Operation, OperationKind, Power, ServiceStatus } from "./model.ts";
import { REASON, type NodeState, type Reason } from "./names.ts";

/**
 * A unit the controller runs: a Presence Redundancy Group, or a node in no
 * group (its services and faults still need modelling). Keyed "g<id>" / "n<id>".
 */
export interface Unit {
  key: string;
  groupId: number | null;
  sim: GroupSim;
}

const nodeInclude = { services: { select: { name: true, status: true } } } as const;
type NodeRow = Prisma.NodeGetPayload<{ include: typeof nodeInclude }>;

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));
const big = (v: number | null): bigint | null => (v === null ? null : BigInt(v));

function toSim(row: NodeRow): NodeSim {
  return {
    id: row.id,
    hostName: row.hostName,
    replicationState: row.replicationState,
    power: row.power as Power,
    bootUntil: num(row.bootUntil),
    isolated: row.isolated,
    services: Object.fromEntries(row.services.map((s) => [s.name, s.status as ServiceStatus])),
    state: row.haState as NodeState,
    reason: row.haReason as Reason,
    stateSince: Number(row.haStateSince),
    initUntil: num(row.srmInitUntil),
    resumeState: row.srmResumeState as NodeState | null,
    lastPeerHeartbeat: Number(row.lastPeerHeartbeat),
    peerView: parsePeerView(row.srmPeerView),
    criticalDownSince: num(row.criticalDownSince),
    healthySince: num(row.healthySince),
    servicesStoppedBySrm: row.servicesStoppedBySrm,
    homeServedBy: row.homeServedById ?? row.id,
    awaitingSrmRestart: row.awaitingSrmRestart,
    startFailure: row.faultStartFailure,
    moveFailure: row.faultMoveFailure,
  };
}

function nodeColumns(n: NodeSim) {
  return {
    power: n.power,
    bootUntil: big(n.bootUntil),
    isolated: n.isolated,
    haState: n.state,
    haReason: n.reason,
    haStateSince: BigInt(n.stateSince),
    srmInitUntil: big(n.initUntil),
    srmResumeState: n.resumeState,
    lastPeerHeartbeat: BigInt(n.lastPeerHeartbeat),
    srmPeerView: n.peerView as unknown as Prisma.InputJsonValue,
    criticalDownSince: big(n.criticalDownSince),
    healthySince: big(n.healthySince),
    servicesStoppedBySrm: n.servicesStoppedBySrm,
    homeServedById: n.homeServedBy === n.id ? null : n.homeServedBy,
    awaitingSrmRestart: n.awaitingSrmRestart,
    faultStartFailure: n.startFailure,
    faultMoveFailure: n.moveFailure,
  };
}

/** Loads every group and every node in no group, as the controller runs them. */
export async function loadUnits(db: Db): Promise<Unit[]> {
  const groups = await db.presenceRedundancyGroup.findMany({
    include: { nodes: { include: nodeInclude, orderBy: { groupPosition: "asc" } } },
    orderBy: { id: "asc" },
  });
  const loose = await db.node.findMany({ where: { groupId: null }, include: nodeInclude, orderBy: { id: "asc" } });
  const units: Unit[] = groups.map((g) => {
    const op: Operation | null =
      g.opKind && g.opFromId !== null && g.opToId !== null
        ? {
            kind: g.opKind as OperationKind,
            from: g.opFromId,
            to: g.opToId,
            reason: (g.opReason ?? REASON.NONE) as Reason,
            step: g.opStep ?? 1,
            stepEndsAt: Number(g.opStepEndsAt ?? 0),
          }
        : null;
    return { key: `g${g.id}`, groupId: g.id, sim: { id: g.id, name: g.name, haEnabled: g.haEnabled, nodes: g.nodes.map(toSim), op } };
  });
  for (const n of loose) {
    units.push({ key: `n${n.id}`, groupId: null, sim: { id: 0, name: n.hostName, haEnabled: false, nodes: [toSim(n)], op: null } });
  }
  return units;
}

async function saveNode(tx: Tx, before: NodeSim | undefined, after: NodeSim) {
  await tx.node.update({ where: { id: after.id }, data: nodeColumns(after) });
  for (const [name, status] of Object.entries(after.services)) {
    if (before?.services[name] !== status) {
      await tx.nodeService.update({ where: { nodeId_name: { nodeId: after.id, name } }, data: { status } });
    }
  }
}

/**
 * How long a step waits for its transaction to start. The embedded database
 * runs one transaction at a time, so a step of one group may wait behind
 * another piece of work's long one (work of another tool on the database, a
 * slow disk): Prisma's 2 s default would make that wait a failure, and the
 * step's user move a failed one.
 */
const STEP_TRANSACTION = { maxWait: 120_000 };

/**
 * Moves a step's users ahead of its transaction, `slice` users per
 * statement, on a database that runs one statement or transaction at a time
 * (the embedded one): one UPDATE of 15,000 rows there holds every other group's
 * step for seconds, a slice for tens of milliseconds. Each slice moves users
 * still served by the node they leave, so a slice repeated after a crash
 * moves nobody twice, and the step's own UPDATE moves whoever is left. The
 * users move while the step's state is the one before (Taking Over, Falling
 * Back), as in the product, where users move during those states. A step
 * that then fails is recorded as a failed move (Take Over/Take Back Users
 * Failed) with the slices' users where they went, as a move cut short in
 * the product leaves them.
 */
export async function moveInSlices(db: Db, move: MoveUsers, slice: number, fence?: (tx: Tx) => Promise<void>): Promise<void> {
  if (move.from === move.to) throw new Error("moveInSlices: a move to the node it starts from would never end");
  const assigned = move.assignedTo !== undefined ? Prisma.sql`AND "assignedNodeId" = ${move.assignedTo}` : Prisma.empty;
  const moveSlice = (client: Db | Tx) => client.$executeRaw`
    UPDATE "EndUser" SET "servingNodeId" = ${move.to}
     WHERE "id" IN (SELECT "id" FROM "EndUser" WHERE "servingNodeId" = ${move.from} ${assigned} LIMIT ${slice})`;
  for (;;) {
    // One statement is a transaction of its own; a fence must share one with it.
    const moved = fence
      ? await db.$transaction(async (tx) => {
          await fence(tx);
          return moveSlice(tx);
        }, STEP_TRANSACTION)
      : await moveSlice(db);
    if (moved < slice) return;
  }
}

/**
 * Persists one step of the controller in one transaction: the users it moved
 * (one UPDATE each, so no user is lost or served twice), the nodes' states,
 * the operation in progress, and the history rows. With `moveSlice`, the
 * users move first in slices of that many (see moveInSlices).
 */
export async function saveUnit(
  db: Db,
  unit: Unit,
  before: GroupSim,
  after: GroupSim,
  moves: MoveUsers[],
  events: HaEventRecord[],
  fence?: (tx: Tx) => Promise<void>,
  moveSlice?: number,
): Promise<void> {
  // Moves that chain (one's target is another's source) keep their one transaction: sliced ahead, the step's
  // own UPDATEs would move the first move's users on again.
  const chained = moves.some((m) => moves.some((n) => n !== m && n.from === m.to));
  if (moveSlice && !chained) for (const move of moves) if (move.from !== move.to) await moveInSlices(db, move, moveSlice, fence);
  await db.$transaction(async (tx) => {
    // First, so a former leader's step is refused before it moves a user.
    await fence?.(tx);
    for (const move of moves) {
      await tx.endUser.updateMany({
        where: { servingNodeId: move.from, ...(move.assignedTo !== undefined ? { assignedNodeId: move.assignedTo } : {}) },
        data: { servingNodeId: move.to },
      });
    }
    for (const n of after.nodes) {
      const old = before.nodes.find((b) => b.id === n.id);
      if (JSON.stringify(old) !== JSON.stringify(n)) await saveNode(tx, old, n);
    }
    if (unit.groupId !== null && JSON.stringify(before.op) !== JSON.stringify(after.op)) {
      const op = after.op;
      await tx.presenceRedundancyGroup.update({
        where: { id: unit.groupId },
        data: {
          opKind: op?.kind ?? null,
          opFromId: op?.from ?? null,
          opToId: op?.to ?? null,
          opReason: op?.reason ?? null,
          opStep: op?.step ?? null,
          opStepEndsAt: op ? BigInt(op.stepEndsAt) : null,
        },
      });
    }
    if (events.length) {
      await tx.haEvent.createMany({
        data: events.map((e) => ({ ...e, ...storedMessage(e), at: new Date(e.at), groupId: unit.groupId, nodeId: e.nodeId })),
      });
    }
  }, STEP_TRANSACTION);
}

/** A history row written outside the state machine, its message a catalogue message. */
export interface HistoryNote {
  kind: HaEventRecord["kind"];
  actor: string;
  groupId?: number | null;
  nodeId?: number | null;
  text: EventText;
}

/** History rows written outside the state machine (parameter and assignment changes), at lab time `at`. */
export async function writeHistory(db: Db | Tx, at: number, notes: HistoryNote[]): Promise<void> {
  if (notes.length === 0) return;
  const data = notes.map(({ kind, actor, groupId, nodeId, text }) => ({ kind, actor, groupId, nodeId, at: new Date(at), ...storedMessage(eventColumns(text)) }));
  await db.haEvent.createMany({ data });
}

/** A message's columns as Prisma writes them: no values is SQL NULL. */
function storedMessage(m: Pick<HaEventRecord, "message" | "messageKey" | "messageValues">) {
  return { message: m.message, messageKey: m.messageKey, messageValues: (m.messageValues ?? undefined) as Prisma.InputJsonObject | undefined };
}
