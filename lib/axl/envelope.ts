import { AXL_CODE, AxlFault } from "./faults.ts";
import { buildXml, child, childNames, parseXml, type XmlNode } from "./xml.ts";

export const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const axlNamespace = (version: string) => `http://www.cisco.com/AXL/API/${version}`;

/** AXL versions with Presence Redundancy Groups (10.0 onwards); the answer speaks the version asked. */
const VERSION = /^(1[0-5])\.[05]$/;

export interface AxlRequest {
  version: string;
  operation: string;
  body: XmlNode;
}

/**
 * Reads the version from `SOAPAction: "CUCM:DB ver=<version> <operation>"`,
 * as the product does; the operation is the Body's element. A header that
 * names another operation than the Body is refused rather than guessed at.
 */
export function readRequest(xml: string, soapAction: string | null): AxlRequest {
  const doc = parseXml(xml);
  const body = child(child(doc, "Envelope"), "Body");
  const operation = childNames(body)[0];
  if (!operation) throw new AxlFault("Client", AXL_CODE.invalid, "The request is not a SOAP 1.1 envelope with an operation in its Body");
  const action = soapAction?.replace(/^"|"$/g, "").match(/^CUCM:DB ver=(\S+)(?:\s+(\S+))?$/);
  if (!action) throw new AxlFault("Client", AXL_CODE.invalid, 'SOAPAction must be "CUCM:DB ver=<version> <operation>"');
  const version = action[1]!;
  if (!VERSION.test(version)) {
    throw new AxlFault("Client", AXL_CODE.unsupportedVersion, `AXL version ${version} is not supported; use 10.0 to 15.0`);
  }
  if (action[2] && action[2] !== operation) {
    throw new AxlFault("Client", AXL_CODE.invalid, `SOAPAction names ${action[2]} but the Body holds ${operation}`);
  }
  return { version, operation, body: child(body, operation)! };
}

export function responseEnvelope(version: string, operation: string, returned: unknown): string {
  return buildXml({
    "soapenv:Envelope": {
      "@_xmlns:soapenv": SOAP_ENV,
      "soapenv:Body": {
        [`ns:${operation}Response`]: { "@_xmlns:ns": axlNamespace(version), return: returned },
      },
    },
  });
}

export function faultEnvelope(fault: AxlFault, operation: string | undefined): string {
  return buildXml({
    "soapenv:Envelope": {
      "@_xmlns:soapenv": SOAP_ENV,
      "soapenv:Body": {
        "soapenv:Fault": {
          faultcode: `soapenv:${fault.faultcode}`,
          faultstring: fault.message,
          detail: {
            axlError: { axlcode: fault.axlcode, axlmessage: fault.message, request: operation ?? "" },
          },
        },
      },
    },
  });
}
