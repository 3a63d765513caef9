import type { Metadata } from "next";
import Link from "next/link";
import { NOT_FOUND_TITLE } from "@/components/shell/not-found-content.tsx";

export const metadata: Metadata = { title: NOT_FOUND_TITLE };

/** Outside the console's pages (the console's own not-found page is inside its shell). */
export default function NotFound() {
  return (
    <main className="login-page">
      <div className="login-card">
        <h1>{NOT_FOUND_TITLE}</h1>
        <p>The page you asked for does not exist.</p>
        <p>
          <Link href="/">Go to Cisco Unified CM IM and Presence Administration</Link>
        </p>
      </div>
    </main>
  );
}
