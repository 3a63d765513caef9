import type { Metadata } from "next";
import { ServerForm } from "@/components/servers/server-form.tsx";

export const metadata: Metadata = { title: "Add New Server" };

export default function NewServerPage() {
  return <ServerForm />;
}
