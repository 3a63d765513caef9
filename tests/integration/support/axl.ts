import { NextRequest } from "next/server";
import * as axlRoute from "@/app/axl/route.ts";
import { XMLParser } from "fast-xml-parser";
import { TEST_ADMIN_PASSWORD } from "./test-runtime.ts";

export const ADMIN_BASIC = `Basic ${Buffer.from(`admin:${TEST_ADMIN_PASSWORD}`).toString("base64")}`;

export interface AxlAnswer {
  status: number;
  text: string;
  /** The Body's first element, parsed with namespace prefixes removed. */
  body: any;
  headers: Headers;
}

const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false });

/** POSTs raw XML to the AXL route handler, as a SOAP client would. */
export async function postAxl(xml: string, opts: { soapAction?: string; authorization?: string | null } = {}): Promise<AxlAnswer> {
  const headers = new Headers({ "content-type": "text/xml; charset=utf-8" });
  if (opts.soapAction !== undefined) headers.set("soapaction", opts.soapAction);
  const auth = opts.authorization === undefined ? ADMIN_BASIC : opts.authorization;
  if (auth !== null) headers.set("authorization", auth);
  const request = new NextRequest(new URL("/axl/", "http://127.0.0.1"), { method: "POST", headers, body: xml });
  const response = await axlRoute.POST(request);
  const text = await response.text();
  const body = response.headers.get("content-type")?.includes("xml") ? parser.parse(text)?.Envelope?.Body : null;
  return { status: response.status, text, body, headers: response.headers };
}

/** An AXL request for `operation` with `inner` as its content. */
export function axl(operation: string, inner: string, opts: { version?: string; authorization?: string | null } = {}) {
  const version = opts.version ?? "15.0";
  const xml = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://www.cisco.com/AXL/API/${version}"><soapenv:Header/><soapenv:Body><ns:${operation}>${inner}</ns:${operation}></soapenv:Body></soapenv:Envelope>`;
  return postAxl(xml, { soapAction: `"CUCM:DB ver=${version} ${operation}"`, authorization: opts.authorization });
}
