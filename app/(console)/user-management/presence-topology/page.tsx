import type { Metadata } from "next";
import { PresenceTopology } from "@/components/users/presence-topology.tsx";

export const metadata: Metadata = { title: "Presence Topology" };

export default function PresenceTopologyPage() {
  return <PresenceTopology />;
}
