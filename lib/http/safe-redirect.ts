/**
 * Where sign-in may send the browser back to: a path of this console only.
 * The raw value is normalised by the URL parser first (dot segments,
 * percent-encoded dots, backslashes), then must stay on the same origin and
 * be a path starting with a single "/", so "//evil.example", "/\\evil",
 * "/%2e//evil.example" and absolute URLs all fall back to "/".
 */
const DUMMY_ORIGIN = "http://console.invalid";

export function safeNextPath(next: string | null | undefined): string {
  if (!next) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  let url: URL;
  try {
    url = new URL(next, DUMMY_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== DUMMY_ORIGIN) return "/";
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return "/";
  // Browsers read "/%2F..." as a path, but some servers decode it; refuse encoded slashes right after the root too.
  if (/^\/(%2f|%5c)/i.test(path)) return "/";
  return path;
}

/** Request header proxy.ts sets to the page asked for, read when sign-in is required. */
export const PAGE_PATH_HEADER = "x-console-page";
