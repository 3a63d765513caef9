import type { ChangeEvent } from "../ha/change-event.ts";

/** A query-key prefix to invalidate; `exact` for a root key whose prefix would match every sibling. */
export interface QueryScope {
  queryKey: readonly unknown[];
  exact?: boolean;
}

/** Query keys that show controller state: a change of kind "all" refreshes every one of them. */
export const LIVE_KEYS = [["ha"], ["events"], ["groups"], ["group"], ["nodes"], ["node"], ["node-services"], ["alerts"], ["clients"]] as const;

/** Pages key an id as a number or as the route's string, so both spellings are named. */
const byId = (prefix: readonly string[], id: number): QueryScope[] => [{ queryKey: [...prefix, id] }, { queryKey: [...prefix, String(id)] }];

/** The queries a change event concerns; every other open query stays as it is. */
export function queriesOf(event: Pick<ChangeEvent, "groupId" | "kind" | "nodeIds">): QueryScope[] {
  const { groupId, kind, nodeIds } = event;
  if (kind === "all" || groupId === null) return LIVE_KEYS.map((key) => ({ queryKey: key }));
  // Views across groups (dashboard, topology) show every group's status.
  const status: QueryScope[] = [
    { queryKey: ["ha"], exact: true },
    { queryKey: ["ha", "overview"] },
    { queryKey: ["ha", "topology"] },
    ...byId(["ha", "group"], groupId),
    ...nodeIds.flatMap((id) => byId(["ha", "node"], id)),
  ];
  if (kind === "status") return status;
  const state: QueryScope[] = [
    ...status,
    { queryKey: ["events"] },
    { queryKey: ["groups"] },
    ...byId(["group"], groupId),
    { queryKey: ["nodes"] },
    ...nodeIds.flatMap((id) => byId(["node"], id)),
    { queryKey: ["node-services"] },
    { queryKey: ["alerts"] },
    ...byId(["ha", "scheduled"], groupId),
    ...byId(["ha", "drill-runs"], groupId),
  ];
  if (kind === "state") return state;
  return [...state, { queryKey: ["clients"] }];
}
