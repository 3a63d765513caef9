import { notFound } from "next/navigation";

/** Any path the console does not have: the not-found page, inside the console shell. */
export default function MissingPage() {
  notFound();
}
