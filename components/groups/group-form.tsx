"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { useMessage } from "@/components/forms/use-message.ts";
import { useHaSummaryLabel } from "./use-ha-summary-label.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import { deleteWarnings } from "@/lib/domain/groups.ts";
import { summarizeHa } from "@/lib/ha/summary.ts";
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, groupInputSchema, type GroupView } from "@/lib/schemas/groups.ts";
import { EventHistory } from "@/components/ha/event-history.tsx";
import { HaPanel, useGroupHa } from "@/components/ha/ha-panel.tsx";
import { enableHaConsequence, readiness } from "@/lib/domain/prerequisites.ts";
import { HaPrerequisites, nodeDetailQuery } from "./ha-prerequisites.tsx";
import { pairProblem, peerOptions, useAssignableNodes } from "./node-options.ts";

const LIST = "/system/presence-redundancy-groups";

interface Draft {
  name: string;
  description: string;
  server1Id: string;
  server2Id: string;
  haEnabled: boolean;
}

const EMPTY: Draft = { name: "", description: "", server1Id: "", server2Id: "", haEnabled: false };

function draftOf(g: GroupView): Draft {
  return {
    name: g.name,
    description: g.description,
    server1Id: g.server1 ? String(g.server1.id) : "",
    server2Id: g.server2 ? String(g.server2.id) : "",
    haEnabled: g.haEnabled,
  };
}

/** Copy keeps everything but the servers, which can be in one group only. */
function copyOf(g: GroupView): Draft {
  const suffix = "_copy";
  return { ...draftOf(g), name: g.name.slice(0, GROUP_NAME_MAX - suffix.length) + suffix, server1Id: "", server2Id: "" };
}

type T = ReturnType<typeof useTranslations<"groups">>;

function describeGroup(t: T, list: (items: string[]) => string, g: GroupView): string {
  const hosts = [g.server1?.hostName, g.server2?.hostName].filter((h): h is string => Boolean(h));
  return t("form.describe", { name: g.name, description: g.description, servers: hosts.length ? list(hosts) : t("form.noServers"), ha: String(g.haEnabled) });
}

export function GroupForm({ groupId }: { groupId: number | null }) {
  const t = useTranslations("groups");
  const message = useMessage();
  const haSummary = useHaSummaryLabel();
  const format = useFormatter();
  const may = useCan("inventory");
  const router = useRouter();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const copyFrom = groupId === null ? search.get("copyFrom") : null;
  const sourceId = groupId ?? (copyFrom ? Number(copyFrom) : null);

  const source = useQuery({
    queryKey: ["group", sourceId],
    queryFn: () => api<GroupView>(`/api/groups/${sourceId}`),
    enabled: sourceId !== null,
  });
  const nodes = useAssignableNodes(groupId ?? "new");
  const ha = useGroupHa(groupId);

  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [version, setVersion] = useState<number | null>(null);
  const feedback = useFormFeedback(search.get("status") === "added" ? { kind: "ok", text: t("form.added") } : null);
  const { errors } = feedback;
  const [conflict, setConflict] = useState<GroupView | null>(null);
  const [busy, setBusy] = useState(false);

  // The form takes the group's values once. Later refetches (live updates
  // after another admin's save) must not overwrite what this admin is typing
  // nor move the version this edit is based on: a stale Save gets the conflict.
  const [initialized, setInitialized] = useState(false);
  useEffect(() => {
    if (!source.data || initialized) return;
    setInitialized(true);
    if (groupId === null) {
      setDraft(copyOf(source.data));
    } else {
      setDraft(draftOf(source.data));
      setVersion(source.data.version);
    }
  }, [source.data, groupId, initialized]);
  const changedElsewhere = groupId !== null && version !== null && source.data && source.data.version !== version && !conflict;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = feedback.validate(groupInputSchema, {
      name: draft.name,
      description: draft.description,
      server1Id: draft.server1Id ? Number(draft.server1Id) : undefined,
      server2Id: draft.server2Id ? Number(draft.server2Id) : null,
      haEnabled: draft.haEnabled,
    });
    if (!input) return;
    if (!(await confirmEnablingHa(input))) return;
    setConflict(null);
    setBusy(true);
    try {
      if (groupId === null) {
        const created = await api<GroupView>("/api/groups", { method: "POST", body: input });
        await queryClient.invalidateQueries({ queryKey: ["nodes"] });
        router.replace(`${LIST}/${created.id}?status=added`);
        return;
      }
      const updated = await api<GroupView>(`/api/groups/${groupId}`, {
        method: "PATCH",
        body: { ...input, version },
      });
      queryClient.setQueryData(["group", groupId], updated);
      await queryClient.invalidateQueries({ queryKey: ["nodes"] });
      setDraft(draftOf(updated));
      setVersion(updated.version);
      feedback.report("ok", t("form.updated"));
    } catch (err) {
      const refused = feedback.fail(err);
      if (refused.body.fields?.version && refused.body.current) setConflict(refused.body.current as GroupView);
    } finally {
      setBusy(false);
    }
  }

  /**
   * Enabling HA while a critical service is down (or replication is not
   * set up) triggers a failover at once: say so and ask before saving.
   */
  async function confirmEnablingHa(input: { haEnabled: boolean; server1Id: number; server2Id: number | null }): Promise<boolean> {
    const enabling = input.haEnabled && !(groupId !== null && source.data?.haEnabled);
    if (!enabling) return true;
    const ids = [input.server1Id, input.server2Id].filter((id): id is number => id !== null);
    const details = await Promise.all(ids.map((id) => queryClient.fetchQuery({ ...nodeDetailQuery(id), staleTime: 0 })));
    const consequence = enableHaConsequence(details.map((n) => readiness(n)));
    if (!consequence) return true;
    return window.confirm(t("form.confirmEnableHa", { consequence: message(consequence) }));
  }

  async function remove() {
    if (groupId === null || !source.data) return;
    const warnings = deleteWarnings({ ...source.data, haState: ha.data ? summarizeHa(ha.data) : null }, haSummary);
    const text = [t("form.confirmDelete", { name: source.data.name }), ...warnings.map((w) => t("form.warning", { warning: message(w) })), t("list.cannotUndo")].join("\n");
    if (!window.confirm(text)) return;
    try {
      await api(`/api/groups/${groupId}?version=${version}`, { method: "DELETE" });
      await queryClient.invalidateQueries({ queryKey: ["groups"] });
      router.push(`${LIST}?deleted=${encodeURIComponent(source.data.name)}`);
    } catch (err) {
      const refused = feedback.fail(err);
      if (refused.body.current) setConflict(refused.body.current as GroupView);
    }
  }

  function loadCurrent() {
    if (!conflict) return;
    setDraft(draftOf(conflict));
    setVersion(conflict.version);
    queryClient.setQueryData(["group", groupId], conflict);
    setConflict(null);
    feedback.report("warn", t("form.loadedCurrent"));
  }

  const options = nodes.data?.items ?? [];
  const server1 = options.find((n) => String(n.id) === draft.server1Id);
  const chooseServer1 = (value: string) =>
    setDraft((d) => {
      const next = options.find((n) => String(n.id) === value);
      const peer = options.find((n) => String(n.id) === d.server2Id);
      // A Server 2 that may not stand beside the new Server 1 is cleared rather than offered.
      return { ...d, server1Id: value, server2Id: next && peer && pairProblem(next, peer) ? "" : d.server2Id };
    });
  const chosen = [draft.server1Id, draft.server2Id].filter(Boolean).map(Number);
  const showPrerequisites = !(source.data && groupId !== null && source.data.haEnabled);

  return (
    <form ref={feedback.formRef} onSubmit={save} noValidate aria-label={t("title.configuration")}>
      <PageTitle
        title={t("title.configuration")}
        toolbar={
          <>
            <button type="submit" title={may.why} disabled={!may.allowed || busy}>
              {t("form.save")}
            </button>
            {groupId !== null && (
              <>
                <button type="button" className="danger" onClick={remove} disabled={!may.allowed} title={may.why}>
                  {t("form.delete")}
                </button>
                <button type="button" onClick={() => router.push(`${LIST}/new?copyFrom=${groupId}`)} disabled={!may.allowed} title={may.why}>
                  {t("form.copy")}
                </button>
              </>
            )}
            <button type="button" onClick={() => router.push(`${LIST}/new`)} disabled={!may.allowed} title={may.why}>
              {t("form.addNew")}
            </button>
            <Link href={LIST}>{t("form.back")}</Link>
          </>
        }
      />
      <Section title={t("form.status")}>
        <StatusLine status={feedback.status} />
        {source.isError && <p className="status-error">{source.error.message}</p>}
        {changedElsewhere && (
          <p className="status-warn" data-testid="changed-elsewhere">
            {t("form.changedElsewhere")}
          </p>
        )}
        {conflict && (
          <div className="conflict" data-testid="conflict">
            <p>{t("form.currentValues", { group: describeGroup(t, (items) => format.list(items, { type: "conjunction" }), conflict) })}</p>
            <button type="button" onClick={loadCurrent}>
              {t("form.loadCurrent")}
            </button>
          </div>
        )}
      </Section>
      <Section title={t("form.information")}>
        <div className="form-grid">
          <label htmlFor="name">{t("form.name")}</label>
          <div>
            <input id="name" value={draft.name} maxLength={GROUP_NAME_MAX} {...invalidProps("name", errors.name)} onChange={(e) => set("name", e.target.value)} />
            <FieldError id="name" message={errors.name} />
          </div>
          <label htmlFor="description">{t("form.description")}</label>
          <div>
            <input id="description" value={draft.description} maxLength={GROUP_DESCRIPTION_MAX} {...invalidProps("description", errors.description)} onChange={(e) => set("description", e.target.value)} />
            <FieldError id="description" message={errors.description} />
          </div>
          <ServerSelect
            field="server1Id"
            label={t("form.server1")}
            value={draft.server1Id}
            options={options}
            error={errors.server1Id}
            onChange={chooseServer1}
          />
          <ServerSelect
            field="server2Id"
            label={t("form.server2")}
            value={draft.server2Id}
            options={peerOptions(server1, options)}
            error={errors.server2Id}
            onChange={(v) => set("server2Id", v)}
          />
        </div>
      </Section>
      <Section title={t("form.ha")}>
        <label>
          <input type="checkbox" checked={draft.haEnabled} {...invalidProps("haEnabled", errors.haEnabled)} onChange={(e) => set("haEnabled", e.target.checked)} /> {t("form.enableHa")}
        </label>
        <FieldError id="haEnabled" message={errors.haEnabled} />
      </Section>
      {showPrerequisites && (
        <Section title={t("form.prerequisites")}>
          <HaPrerequisites nodeIds={chosen} />
        </Section>
      )}
      {groupId !== null && (
        <>
          <Section title={t("form.nodeStatus")}>
            <HaPanel groupId={groupId} />
          </Section>
          <Section title={t("form.history")}>
            <EventHistory groupId={groupId} />
          </Section>
        </>
      )}
    </form>
  );
}

/** A Presence Server drop-down: the nodes this group may choose, by host name and version. */
function ServerSelect(props: {
  field: "server1Id" | "server2Id";
  label: string;
  value: string;
  options: { id: number; hostName: string; softwareVersion: string }[];
  error?: string;
  onChange(value: string): void;
}) {
  const t = useTranslations("groups");
  return (
    <>
      <RoleNotice permission="inventory" />
      <label htmlFor={props.field}>{props.label}</label>
      <div>
        <select id={props.field} value={props.value} {...invalidProps(props.field, props.error)} onChange={(e) => props.onChange(e.target.value)}>
          <option value="">&lt; {t("form.none")} &gt;</option>
          {props.options.map((n) => (
            <option key={n.id} value={n.id}>
              {n.hostName} ({n.softwareVersion})
            </option>
          ))}
        </select>
        <FieldError id={props.field} message={props.error} />
      </div>
    </>
  );
}
