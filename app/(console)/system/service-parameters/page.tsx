import type { Metadata } from "next";
import { ServiceParameters } from "@/components/parameters/service-parameters.tsx";

export const metadata: Metadata = { title: "Service Parameter Configuration" };

export default function ServiceParametersPage() {
  return <ServiceParameters />;
}
