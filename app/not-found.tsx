import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page Not Found" };

/** Outside the console's pages (the console's own not-found page is inside its shell). */
export default function NotFound() {
  return (
    <main className="login-page">
      <div className="login-card">
        <h1>Page Not Found</h1>
        <p>The page you asked for does not exist.</p>
        <p>
          <Link href="/">Go to Cisco Unified CM IM and Presence Administration</Link>
        </p>
      </div>
    </main>
  );
}
