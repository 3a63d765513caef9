import type { Metadata } from "next";
import { NotFoundContent } from "@/components/shell/not-found-content.tsx";

export const metadata: Metadata = { title: "Page Not Found" };

export default function ConsoleNotFound() {
  return <NotFoundContent />;
}
