"use client";

import { RoleNotice, useCan } from "@/components/shell/role.tsx";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { FieldError, invalidProps, StatusLine } from "@/components/forms/status-line.tsx";
import { useFormFeedback } from "@/components/forms/use-form-feedback.ts";
import { PageTitle, Section } from "@/components/shell/page-title.tsx";
import { api } from "@/lib/client/api.ts";
import type { clusterListSchema } from "@/lib/schemas/nodes.ts";
import { USER_ID_MAX, USER_ID_RULE, USER_NAME_MAX, userInputSchema, type UserView } from "@/lib/schemas/users.ts";
import type { z } from "zod";
import { USERS_BASE } from "./user-list.tsx";

const EMPTY = { userId: "", firstName: "", lastName: "", signedIn: false, cluster: "" };

function placement(u: UserView): string {
  if (!u.assignedNode) return `${u.userId} was added unassigned: the User Assignment Mode assigns no users`;
  return `${u.userId} was assigned to ${u.assignedNode.hostName} by the Sync Agent`;
}

/** End User Configuration, Add New: the Sync Agent chooses the node. */
export function UserForm() {
  const may = useCan("end_users");
  const queryClient = useQueryClient();
  const clusters = useQuery({ queryKey: ["clusters"], queryFn: () => api<z.infer<typeof clusterListSchema>>("/api/clusters") }).data?.items ?? [];
  const [draft, setDraft] = useState(EMPTY);
  // With one cluster there is nothing to choose: it is every user's home cluster.
  const cluster = draft.cluster || (clusters.length === 1 ? clusters[0]!.name : "");
  const feedback = useFormFeedback();
  const { errors } = feedback;
  const [added, setAdded] = useState<UserView | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    // No cluster chosen: the server names the clusters to choose from.
    const input = feedback.validate(userInputSchema, { ...draft, cluster: cluster || undefined });
    if (!input) return;
    setBusy(true);
    try {
      const user = await api<UserView>("/api/users", { method: "POST", body: input });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      setAdded(user);
      setDraft({ ...EMPTY, cluster: draft.cluster });
      feedback.report("ok", "Add successful");
    } catch (err) {
      feedback.fail(err);
      setAdded(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={feedback.formRef} onSubmit={save} noValidate aria-label="End User Configuration">
      <PageTitle
        title="End User Configuration"
        toolbar={
          <>
            <button type="submit" title={may.why} disabled={!may.allowed || busy}>
              Save
            </button>
            <Link href={`${USERS_BASE}/import`}>Import Users</Link>
            <Link href={USERS_BASE}>Back to Find/List</Link>
          </>
        }
      />
      <Section title="Status">
        <RoleNotice permission="end_users" />
        <StatusLine status={feedback.status} />
        {added && (
          <p data-testid="added-user">
            {placement(added)}. <Link href={`${USERS_BASE}?match=exact&q=${encodeURIComponent(added.userId)}`}>Show in Find and List</Link>
          </p>
        )}
      </Section>
      <Section title="User Information">
        <div className="form-grid">
          <label htmlFor="userId">User ID*</label>
          <div>
            <input id="userId" value={draft.userId} maxLength={USER_ID_MAX + 10} {...invalidProps("userId", errors.userId)} onChange={(e) => set("userId", e.target.value)} />
            <FieldError id="userId" message={errors.userId} />
            <div className="hint">{USER_ID_RULE}; at most {USER_ID_MAX} characters; unique without regard to case.</div>
          </div>
          <label htmlFor="cluster">Cluster{clusters.length > 1 ? "*" : ""}</label>
          <div>
            <select id="cluster" value={cluster} aria-invalid={!!errors.cluster} onChange={(e) => set("cluster", e.target.value)}>
              {clusters.length !== 1 && <option value="">Select the user&apos;s home cluster</option>}
              {clusters.map((c) => (
                <option key={c.id} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldError id="cluster" message={errors.cluster} />
            <div className="hint">The user&apos;s home cluster: the Sync Agent assigns it to a node of that cluster&apos;s groups.</div>
          </div>
          <label htmlFor="firstName">First Name</label>
          <div>
            <input id="firstName" value={draft.firstName} maxLength={USER_NAME_MAX + 10} {...invalidProps("firstName", errors.firstName)} onChange={(e) => set("firstName", e.target.value)} />
            <FieldError id="firstName" message={errors.firstName} />
          </div>
          <label htmlFor="lastName">Last Name</label>
          <div>
            <input id="lastName" value={draft.lastName} maxLength={USER_NAME_MAX + 10} {...invalidProps("lastName", errors.lastName)} onChange={(e) => set("lastName", e.target.value)} />
            <FieldError id="lastName" message={errors.lastName} />
          </div>
          <label htmlFor="signedIn">Signed In</label>
          <div>
            <input id="signedIn" type="checkbox" checked={draft.signedIn} onChange={(e) => set("signedIn", e.target.checked)} />
            <span className="hint"> The user&apos;s client holds an active connection to its serving node.</span>
          </div>
        </div>
        <p className="hint">
          The Sync Agent assigns the user to a node under the User Assignment Mode. End users cannot be added while a node of their cluster is in
          a failover state.
        </p>
      </Section>
    </form>
  );
}
