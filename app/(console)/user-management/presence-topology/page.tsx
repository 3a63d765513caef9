import { PresenceTopology } from "@/components/users/presence-topology.tsx";

export default function PresenceTopologyPage() {
  return <PresenceTopology />;
}
