"use client";

import { useTranslations } from "next-intl";
import type { NodeDetailView } from "@/lib/schemas/nodes.ts";
import { TableScroll } from "@/components/shell/table-scroll.tsx";

export function ServiceStatusTable({ services }: { services: NodeDetailView["services"] }) {
  const t = useTranslations("servers");
  return (
    <TableScroll label={t("services.label")}>
      <table className="list">
        <thead>
          <tr>
            <th>{t("services.name")}</th>
            <th>{t("services.status")}</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.name}>
              <td>{s.name}</td>
              <td className={s.status === "STARTED" ? "ok" : "bad"}>{s.status === "STARTED" ? t("services.started") : t("services.stopped")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
