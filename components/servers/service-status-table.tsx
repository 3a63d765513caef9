import type { NodeDetailView } from "@/lib/schemas/nodes.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

export function ServiceStatusTable({ services }: { services: NodeDetailView["services"] }) {
  return (
    <TableScroll label="Services">
      <table className="list">
        <thead>
          <tr>
            <th>Service Name</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.name}>
              <td>{s.name}</td>
              <td className={s.status === "STARTED" ? "ok" : "bad"}>{s.status === "STARTED" ? "Started" : "Stopped"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
