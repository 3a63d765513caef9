import type { Metadata } from "next";
import { AlertCentral } from "@/components/alerts/alert-central.tsx";

export const metadata: Metadata = { title: "Alert Central" };

export default function AlertCentralPage() {
  return <AlertCentral />;
}
