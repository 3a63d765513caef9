import type { Metadata } from "next";
import { ControlCenter } from "@/components/serviceability/control-center.tsx";

export const metadata: Metadata = { title: "Control Center - Network Services" };

export default function ControlCenterPage() {
  return <ControlCenter />;
}
