import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { notFoundTitle } from "@/components/shell/not-found-title.ts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: await notFoundTitle() };
}

/** Any path the console does not have: the not-found page, inside the console shell. */
export default function MissingPage() {
  notFound();
}
