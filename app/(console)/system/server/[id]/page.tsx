import { Suspense } from "react";
import { ServerDetail } from "@/components/servers/server-detail.tsx";

export default async function ServerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <ServerDetail id={id} />
    </Suspense>
  );
}
