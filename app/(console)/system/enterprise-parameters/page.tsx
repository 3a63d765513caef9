import { EnterpriseParameters } from "@/components/parameters/enterprise-parameters.tsx";

export default function EnterpriseParametersPage() {
  return <EnterpriseParameters />;
}
