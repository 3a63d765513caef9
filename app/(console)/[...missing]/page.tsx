import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NOT_FOUND_TITLE } from "@/components/shell/not-found-content.tsx";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

/** Any path the console does not have: the not-found page, inside the console shell. */
export default function MissingPage() {
  notFound();
}
