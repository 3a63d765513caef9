import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PresenceTopology } from "@/components/users/presence-topology.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title.topology") };
}

export default function PresenceTopologyPage() {
  return <PresenceTopology />;
}
