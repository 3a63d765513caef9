import type { Db } from "../db/client.ts";
import type { HaController } from "../ha/controller.ts";
import type { AlertView } from "../schemas/alerts.ts";
import { conditionsOf } from "./conditions.ts";
import { alertView } from "./service.ts";

export interface AlertWatch {
  /** Resolves when every change seen so far is recorded. */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the Alert table in step with the controller: after each change of a
 * group, conditions that started are raised and those that ended are cleared,
 * at the lab time of the change. Writes run one after another, off the
 * controller's turn, so a slow database never delays the SRM. `onAlert`
 * hears each alert once it is recorded (webhook delivery); it must return at once.
 */
export function watchAlerts(
  db: Db,
  controller: HaController,
  onAlert: (event: "raised" | "cleared", alert: AlertView) => void = () => {},
): AlertWatch {
  let chain: Promise<void> = Promise.resolve();
  const stop = controller.onChange((notice) => {
    // Only the leader records alerts; followers see the same notices relayed.
    if (!controller.leading || notice.groupId === null || !controller.knowsGroup(notice.groupId)) return;
    const status = controller.groupStatus(notice.groupId);
    const at = new Date(notice.at);
    chain = chain
      .then(async () => {
        const now = conditionsOf(status);
        const open = await db.alert.findMany({ where: { groupId: status.groupId!, clearedAt: null } });
        const key = (a: { name: string; nodeId: number }) => `${a.name}:${a.nodeId}`;
        const current = new Set(now.map(key));
        const ended = open.filter((a) => !current.has(key(a))).map((a) => a.id);
        if (ended.length > 0) {
          const cleared = await db.alert.updateManyAndReturn({ where: { id: { in: ended } }, data: { clearedAt: at } });
          for (const a of cleared) onAlert("cleared", alertView(a));
        }
        const known = new Set(open.map(key));
        const started = now.filter((c) => !known.has(key(c)));
        if (started.length > 0) {
          const raised = await db.alert.createManyAndReturn({
            data: started.map((c) => ({ ...c, groupId: status.groupId!, groupName: status.groupName, raisedAt: at })),
          });
          for (const a of raised) onAlert("raised", alertView(a));
        }
      })
      .catch((err: unknown) => console.error(err));
  });
  return { settled: () => chain, stop };
}
