"use client";

import { useQuery } from "@tanstack/react-query";
import { TableScroll } from "@/components/shell/table-scroll.tsx";
import { api } from "@/lib/client/api.ts";
import type { ConsoleInstancesView } from "@/lib/schemas/cluster.ts";

/** Instances are seen by their lease checks every second or so; a slower refresh is enough to list them. */
const REFRESH_MS = 5000;

/** The console processes on this database and which one runs the HA controller (lib/cluster). */
export function ConsoleInstances() {
  const view = useQuery({
    queryKey: ["console-instances"],
    queryFn: () => api<ConsoleInstancesView>("/api/console-instances"),
    refetchInterval: REFRESH_MS,
  });
  const data = view.data;
  if (!data) return null;
  if (data.database === "embedded") {
    return <p data-testid="console-instances">One console instance on the embedded database: it runs the HA controller.</p>;
  }
  return (
    <div data-testid="console-instances">
      <p>
        {data.lease
          ? `Leader: ${data.lease.holder} since ${new Date(data.lease.since).toLocaleString()}, fencing token ${data.lease.fencingToken}.`
          : "No instance holds the leader lease at the moment: a take-over is under way."}
      </p>
      <TableScroll label="Console instances">
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col">Host</th>
            <th scope="col">Process</th>
            <th scope="col">Role</th>
            <th scope="col">Started</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {data.instances.map((i) => (
            <tr key={i.id}>
              <td>
                {i.id}
                {i.id === data.self ? " (this instance)" : ""}
              </td>
              <td>{i.hostName}</td>
              <td>{i.pid}</td>
              <td>{i.leading ? `Leader (token ${data.lease?.fencingToken ?? "?"})` : "Follower"}</td>
              <td>{new Date(i.startedAt).toLocaleString()}</td>
              <td>{new Date(i.lastSeen).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </div>
  );
}
