import { ServiceParameters } from "@/components/parameters/service-parameters.tsx";

export default function ServiceParametersPage() {
  return <ServiceParameters />;
}
