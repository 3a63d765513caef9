import { HaOverview } from "@/components/ha/ha-overview.tsx";

export default function HighAvailabilityPage() {
  return <HaOverview />;
}
