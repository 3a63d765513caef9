import { ServerForm } from "@/components/servers/server-form.tsx";

export default function NewServerPage() {
  return <ServerForm />;
}
