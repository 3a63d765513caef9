import type { Metadata } from "next";
import { EnterpriseParameters } from "@/components/parameters/enterprise-parameters.tsx";

export const metadata: Metadata = { title: "Enterprise Parameters Configuration" };

export default function EnterpriseParametersPage() {
  return <EnterpriseParameters />;
}
