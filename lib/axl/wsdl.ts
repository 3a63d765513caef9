import { axlNamespace } from "./envelope.ts";

/** The schema version the served WSDL describes; requests may name any supported version. */
export const WSDL_VERSION = "15.0";
const SERVICE_NS = "http://www.cisco.com/AXLAPIService/";

const OPS = [
  "addPresenceRedundancyGroup",
  "getPresenceRedundancyGroup",
  "listPresenceRedundancyGroup",
  "updatePresenceRedundancyGroup",
  "removePresenceRedundancyGroup",
  "getProcessNode",
  "listProcessNode",
  "getServiceParameter",
  "updateServiceParameter",
] as const;

const opt = (name: string, type = "xsd:string") => `<xsd:element name="${name}" type="${type}" minOccurs="0" nillable="true"/>`;
const groupFields = (extra = "") =>
  `${opt("name")}${opt("description")}${opt("server1")}${opt("server2")}${opt("haEnabled", "xsd:boolean")}${extra}`;

/** The types of the operations served, in AXL's naming (X full, R returned, L listed). */
export function axlXsd(version = WSDL_VERSION): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:axlapi="${axlNamespace(version)}" targetNamespace="${axlNamespace(version)}" elementFormDefault="unqualified" attributeFormDefault="unqualified">
<xsd:complexType name="XPresenceRedundancyGroup"><xsd:sequence>${groupFields()}</xsd:sequence><xsd:attribute name="uuid" type="xsd:string"/></xsd:complexType>
<xsd:complexType name="RPresenceRedundancyGroup"><xsd:sequence>${groupFields(opt("numUsers", "xsd:int"))}</xsd:sequence><xsd:attribute name="uuid" type="xsd:string"/></xsd:complexType>
<xsd:complexType name="PresenceRedundancyGroupSearch"><xsd:sequence>${opt("name")}${opt("description")}</xsd:sequence></xsd:complexType>
<xsd:complexType name="AddPresenceRedundancyGroupReq"><xsd:sequence><xsd:element name="presenceRedundancyGroup" type="axlapi:XPresenceRedundancyGroup"/></xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="NameAndGUIDRequest"><xsd:sequence>${opt("uuid")}${opt("name")}</xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="GetPresenceRedundancyGroupReq"><xsd:sequence>${opt("uuid")}${opt("name")}<xsd:element name="returnedTags" type="axlapi:RPresenceRedundancyGroup" minOccurs="0"/></xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="GetPresenceRedundancyGroupRes"><xsd:sequence><xsd:element name="return"><xsd:complexType><xsd:sequence><xsd:element name="presenceRedundancyGroup" type="axlapi:RPresenceRedundancyGroup"/></xsd:sequence></xsd:complexType></xsd:element></xsd:sequence></xsd:complexType>
<xsd:complexType name="ListPresenceRedundancyGroupReq"><xsd:sequence><xsd:element name="searchCriteria" type="axlapi:PresenceRedundancyGroupSearch"/><xsd:element name="returnedTags" type="axlapi:RPresenceRedundancyGroup"/>${opt("skip", "xsd:unsignedLong")}${opt("first", "xsd:unsignedLong")}</xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="ListPresenceRedundancyGroupRes"><xsd:sequence><xsd:element name="return"><xsd:complexType><xsd:sequence><xsd:element name="presenceRedundancyGroup" type="axlapi:RPresenceRedundancyGroup" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType></xsd:element></xsd:sequence></xsd:complexType>
<xsd:complexType name="UpdatePresenceRedundancyGroupReq"><xsd:sequence>${opt("uuid")}${opt("name")}${opt("newName")}${opt("description")}${opt("server1")}${opt("server2")}${opt("haEnabled", "xsd:boolean")}</xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="RProcessNode"><xsd:sequence>${opt("name")}${opt("description")}${opt("nodeUsage")}${opt("processNodeRole")}</xsd:sequence><xsd:attribute name="uuid" type="xsd:string"/></xsd:complexType>
<xsd:complexType name="ProcessNodeSearch"><xsd:sequence>${opt("name")}${opt("description")}${opt("processNodeRole")}</xsd:sequence></xsd:complexType>
<xsd:complexType name="GetProcessNodeReq"><xsd:sequence>${opt("uuid")}${opt("name")}<xsd:element name="returnedTags" type="axlapi:RProcessNode" minOccurs="0"/></xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="GetProcessNodeRes"><xsd:sequence><xsd:element name="return"><xsd:complexType><xsd:sequence><xsd:element name="processNode" type="axlapi:RProcessNode"/></xsd:sequence></xsd:complexType></xsd:element></xsd:sequence></xsd:complexType>
<xsd:complexType name="ListProcessNodeReq"><xsd:sequence><xsd:element name="searchCriteria" type="axlapi:ProcessNodeSearch"/><xsd:element name="returnedTags" type="axlapi:RProcessNode"/>${opt("skip", "xsd:unsignedLong")}${opt("first", "xsd:unsignedLong")}</xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="ListProcessNodeRes"><xsd:sequence><xsd:element name="return"><xsd:complexType><xsd:sequence><xsd:element name="processNode" type="axlapi:RProcessNode" minOccurs="0" maxOccurs="unbounded"/></xsd:sequence></xsd:complexType></xsd:element></xsd:sequence></xsd:complexType>
<xsd:complexType name="RServiceParameter"><xsd:sequence>${opt("processNodeName")}${opt("name")}${opt("service")}${opt("value")}${opt("valueType")}</xsd:sequence><xsd:attribute name="uuid" type="xsd:string"/></xsd:complexType>
<xsd:complexType name="GetServiceParameterReq"><xsd:sequence>${opt("processNodeName")}${opt("name")}${opt("service")}</xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="GetServiceParameterRes"><xsd:sequence><xsd:element name="return"><xsd:complexType><xsd:sequence><xsd:element name="serviceParameter" type="axlapi:RServiceParameter"/></xsd:sequence></xsd:complexType></xsd:element></xsd:sequence></xsd:complexType>
<xsd:complexType name="UpdateServiceParameterReq"><xsd:sequence>${opt("processNodeName")}${opt("name")}${opt("service")}${opt("value")}</xsd:sequence><xsd:attribute name="sequence" type="xsd:unsignedLong"/></xsd:complexType>
<xsd:complexType name="StandardResponse"><xsd:sequence><xsd:element name="return" type="xsd:string"/></xsd:sequence></xsd:complexType>
<xsd:element name="addPresenceRedundancyGroup" type="axlapi:AddPresenceRedundancyGroupReq"/>
<xsd:element name="addPresenceRedundancyGroupResponse" type="axlapi:StandardResponse"/>
<xsd:element name="getPresenceRedundancyGroup" type="axlapi:GetPresenceRedundancyGroupReq"/>
<xsd:element name="getPresenceRedundancyGroupResponse" type="axlapi:GetPresenceRedundancyGroupRes"/>
<xsd:element name="listPresenceRedundancyGroup" type="axlapi:ListPresenceRedundancyGroupReq"/>
<xsd:element name="listPresenceRedundancyGroupResponse" type="axlapi:ListPresenceRedundancyGroupRes"/>
<xsd:element name="updatePresenceRedundancyGroup" type="axlapi:UpdatePresenceRedundancyGroupReq"/>
<xsd:element name="updatePresenceRedundancyGroupResponse" type="axlapi:StandardResponse"/>
<xsd:element name="removePresenceRedundancyGroup" type="axlapi:NameAndGUIDRequest"/>
<xsd:element name="removePresenceRedundancyGroupResponse" type="axlapi:StandardResponse"/>
<xsd:element name="getProcessNode" type="axlapi:GetProcessNodeReq"/>
<xsd:element name="getProcessNodeResponse" type="axlapi:GetProcessNodeRes"/>
<xsd:element name="listProcessNode" type="axlapi:ListProcessNodeReq"/>
<xsd:element name="listProcessNodeResponse" type="axlapi:ListProcessNodeRes"/>
<xsd:element name="getServiceParameter" type="axlapi:GetServiceParameterReq"/>
<xsd:element name="getServiceParameterResponse" type="axlapi:GetServiceParameterRes"/>
<xsd:element name="updateServiceParameter" type="axlapi:UpdateServiceParameterReq"/>
<xsd:element name="updateServiceParameterResponse" type="axlapi:StandardResponse"/>
<xsd:complexType name="AXLError"><xsd:sequence><xsd:element name="axlcode" type="xsd:int"/><xsd:element name="axlmessage" type="xsd:string"/><xsd:element name="request" type="xsd:string"/></xsd:sequence></xsd:complexType>
<xsd:element name="axlError" type="axlapi:AXLError"/>
</xsd:schema>
`;
}

/** The service: document/literal SOAP 1.1 at `endpoint`, importing the XSD from `xsdUrl`. */
export function axlWsdl(endpoint: string, xsdUrl: string, version = WSDL_VERSION): string {
  const messages = OPS.map(
    (op) =>
      `<message name="${op}In"><part name="request" element="xsd1:${op}"/></message><message name="${op}Out"><part name="response" element="xsd1:${op}Response"/></message>`,
  ).join("\n");
  const portOps = OPS.map(
    (op) => `<operation name="${op}"><input message="s0:${op}In"/><output message="s0:${op}Out"/><fault name="axlError" message="s0:AXLError"/></operation>`,
  ).join("\n");
  const bindingOps = OPS.map(
    (op) =>
      `<operation name="${op}"><soap:operation soapAction="CUCM:DB ver=${version} ${op}" style="document"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output><fault name="axlError"><soap:fault name="axlError" use="literal"/></fault></operation>`,
  ).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="AXLAPIService" targetNamespace="${SERVICE_NS}" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:s0="${SERVICE_NS}" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsd1="${axlNamespace(version)}">
<types><xsd:schema targetNamespace="${SERVICE_NS}"><xsd:import namespace="${axlNamespace(version)}" schemaLocation="${xsdUrl}"/></xsd:schema></types>
${messages}
<message name="AXLError"><part name="axlError" element="xsd1:axlError"/></message>
<portType name="AXLPort">
${portOps}
</portType>
<binding name="AXLAPIBinding" type="s0:AXLPort"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${bindingOps}
</binding>
<service name="AXLAPIService"><port name="AXLPort" binding="s0:AXLAPIBinding"><soap:address location="${endpoint}"/></port></service>
</definitions>
`;
}

/** GET /axl/?wsdl and ?xsd; anything else names no description. */
export function serveDescription(url: URL): Response {
  const xml = { "content-type": "text/xml; charset=utf-8" };
  const endpoint = new URL("/axl/", url).toString();
  if (url.searchParams.has("wsdl")) return new Response(axlWsdl(endpoint, `${endpoint}?xsd`), { headers: xml });
  if (url.searchParams.has("xsd")) return new Response(axlXsd(), { headers: xml });
  return new Response(`AXL answers SOAP requests by POST; its description is at ${endpoint}?wsdl\n`, {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
