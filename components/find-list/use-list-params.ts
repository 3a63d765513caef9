"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { z } from "zod";

/**
 * The search, page and sort of a Find and List page, kept in the URL so a
 * reload, Back and a shared link show the same list. Values equal to the
 * schema's defaults are left out of the URL.
 */
export function useListParams<S extends z.ZodType<Record<string, unknown>>>(schema: S) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const defaults = useMemo(() => schema.parse({}) as z.output<S>, [schema]);

  const params = useMemo(() => {
    const parsed = schema.safeParse(Object.fromEntries(searchParams));
    return (parsed.success ? parsed.data : defaults) as z.output<S>;
  }, [schema, searchParams, defaults]);

  const update = useCallback(
    (patch: Partial<z.output<S>>) => {
      const next = { ...params, ...patch } as Record<string, unknown>;
      const qs = new URLSearchParams();
      for (const [key, value] of Object.entries(next)) {
        if (value !== undefined && value !== (defaults as Record<string, unknown>)[key]) qs.set(key, String(value));
      }
      const query = qs.toString();
      router.push(query ? `${pathname}?${query}` : pathname);
    },
    [params, defaults, pathname, router],
  );

  const queryString = useMemo(
    () =>
      new URLSearchParams(
        Object.entries(params as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      ).toString(),
    [params],
  );

  return { params, update, queryString };
}
