import { enterpriseParametersPut, enterpriseParametersView, serviceParametersPatch, serviceParametersView } from "../../schemas/parameters.ts";
import { endpoint } from "../endpoint.ts";

export const getServiceParameters = endpoint({
  method: "GET",
  path: "/api/service-parameters",
  summary: "Cisco Server Recovery Manager parameters: cluster-wide and per node, with value, default, range, unit and help, and guidance warnings",
  tag: "Parameters",
  auth: true,
  permission: "view",
  response: serviceParametersView,
});

export const putServiceParameters = endpoint({
  method: "PUT",
  path: "/api/service-parameters",
  summary: "Change SRM parameters; only the values sent change. Takes effect in the running controller at once",
  tag: "Parameters",
  auth: true,
  permission: "parameters",
  body: serviceParametersPatch,
  response: serviceParametersView,
  errors: [404, 503],
});

export const getEnterpriseParameters = endpoint({
  method: "GET",
  path: "/api/enterprise-parameters",
  summary: "User Assignment Mode for Presence Server",
  tag: "Parameters",
  auth: true,
  permission: "view",
  response: enterpriseParametersView,
});

export const putEnterpriseParameters = endpoint({
  method: "PUT",
  path: "/api/enterprise-parameters",
  summary: "Set the User Assignment Mode; users are re-assigned at once, or when their group is back to Normal",
  tag: "Parameters",
  auth: true,
  permission: "parameters",
  body: enterpriseParametersPut,
  response: enterpriseParametersView,
  errors: [503],
});
