"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, ApiClientError } from "@/lib/client/api.ts";
import type { HaStatusView } from "@/lib/schemas/ha.ts";
import { LIVE_KEYS } from "./live.tsx";

/** The status of a node's group (or of the node alone), and a way to send it inputs. */
export function useNodeHa(nodeId: number | null) {
  const t = useTranslations("ha");
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const status = useQuery({
    queryKey: ["ha", "node", nodeId],
    queryFn: () => api<HaStatusView>(`/api/nodes/${nodeId}/ha`),
    enabled: nodeId !== null,
  });
  const send = useMutation({
    mutationFn: (req: { path: string; body: unknown; done: string }) => api<HaStatusView>(req.path, { method: "POST", body: req.body }),
    onSuccess: (_, req) => setMessage({ kind: "ok", text: req.done }),
    onError: (err) => setMessage({ kind: "error", text: err instanceof ApiClientError ? err.message : t("lab.failed") }),
    onSettled: async () => {
      for (const key of LIVE_KEYS) await queryClient.invalidateQueries({ queryKey: [...key] });
    },
  });
  const node = status.data?.nodes.find((n) => n.id === nodeId) ?? null;
  return { status, node, send, message };
}
