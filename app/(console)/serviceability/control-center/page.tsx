import { ControlCenter } from "@/components/serviceability/control-center.tsx";

export default function ControlCenterPage() {
  return <ControlCenter />;
}
