import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { notFoundTitle } from "@/components/shell/not-found-title.ts";
import { ServerDetail } from "@/components/servers/server-detail.tsx";
import { existingNodeId } from "@/lib/server/page-records.ts";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  if ((await existingNodeId((await params).id)) === null) return { title: await notFoundTitle() };
  return { title: (await getTranslations("servers"))("title.configuration") };
}

export default async function ServerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const id = await existingNodeId((await params).id);
  if (id === null) notFound();
  return (
    <Suspense>
      <ServerDetail id={String(id)} />
    </Suspense>
  );
}
