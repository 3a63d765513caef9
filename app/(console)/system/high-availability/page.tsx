import type { Metadata } from "next";
import { HaOverview } from "@/components/ha/ha-overview.tsx";

export const metadata: Metadata = { title: "High Availability Status" };

export default function HighAvailabilityPage() {
  return <HaOverview />;
}
